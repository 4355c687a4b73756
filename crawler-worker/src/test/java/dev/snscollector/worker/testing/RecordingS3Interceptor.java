package dev.snscollector.worker.testing;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every HTTP request any S3 client of the test JVM sent and got an answer to (each attempt,
 * retries included: what S3 bills), with its operation, key and status. Registered for every SDK
 * client through the SDK's global interceptor file ({@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath), so the
 * worker's own client is counted without a hook in the worker.
 */
public final class RecordingS3Interceptor implements ExecutionInterceptor {
  /**
   * One request: the S3 operation ({@code PutObject}, {@code HeadObject}, ...), its key and the
   * answer's status.
   */
  public record Request(String operation, String key, int status) {}

  private static final ConcurrentLinkedQueue<Request> REQUESTS = new ConcurrentLinkedQueue<>();

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
    if (!"S3".equals(attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
      return;
    }
    String key = context.request().getValueForField("Key", String.class).orElse("");
    REQUESTS.add(
        new Request(
            attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
            key,
            context.httpResponse().statusCode()));
  }

  /** The requests recorded since the last {@link #clear()}. */
  public static List<Request> requests() {
    return List.copyOf(REQUESTS);
  }

  public static void clear() {
    REQUESTS.clear();
  }
}
