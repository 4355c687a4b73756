package dev.snscollector.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the worker's requests to SQS and S3 by service and operation, each attempt of a call
 * (retries included), since that is what AWS bills and what the queue and the store serve. The
 * labels come from the SDK's closed sets of service and operation names.
 */
final class AwsRequestMetrics implements ExecutionInterceptor {
  static final String NAME = "collector_aws_requests_total";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  AwsRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
    String service = attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counters
        .computeIfAbsent(
            service + '/' + operation,
            k ->
                Counter.builder(NAME)
                    .description("Requests sent to AWS (SQS, S3), each attempt, by operation")
                    .tag("service", String.valueOf(service))
                    .tag("operation", String.valueOf(operation))
                    .register(registry))
        .increment();
  }
}
