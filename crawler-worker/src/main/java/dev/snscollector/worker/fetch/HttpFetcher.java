package dev.snscollector.worker.fetch;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureScrubber;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Executes one HTTP request and turns the response into a {@link Capture}: a response of any status
 * is a document for the parsers to classify, except 5xx and I/O failures, which are {@link
 * TransientFetchException}. Bodies above a cap are refused as transient (a block page never weighs
 * 8 MiB; a runaway response should not take the heap).
 */
public final class HttpFetcher {
  private final OkHttpClient client;
  private final Clock clock;
  private final long maxBodyBytes;

  public HttpFetcher(OkHttpClient client, Clock clock, long maxBodyBytes) {
    this.client = client;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A client sized for {@code concurrency} jobs at once, with bounded timeouts. */
  public static OkHttpClient newClient(int concurrency) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, concurrency * 2));
    dispatcher.setMaxRequestsPerHost(Math.max(64, concurrency * 2));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(Math.max(8, concurrency), 2, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(true)
        .build();
  }

  /**
   * Runs the request.
   *
   * @param request the request, which may carry credentials in headers or query
   * @param recordedUrl the URL to record in the capture and errors: the request's without secrets
   * @param pageType the page type the caller expects
   */
  public Capture fetch(Request request, String recordedUrl, @Nullable String pageType) {
    return fetch(request, recordedUrl, pageType, null);
  }

  /**
   * Runs the request and hands the response's {@code Set-Cookie} headers to {@code setCookies} (a
   * session's cookie jar); cookies are never kept in the capture.
   */
  public Capture fetch(
      Request request,
      String recordedUrl,
      @Nullable String pageType,
      @Nullable Consumer<List<String>> setCookies) {
    try (Response response = client.newCall(request).execute()) {
      int status = response.code();
      if (setCookies != null) {
        List<String> set = response.headers("Set-Cookie");
        if (!set.isEmpty()) {
          setCookies.accept(set);
        }
      }
      if (status >= 500) {
        throw new TransientFetchException(recordedUrl, status, "HTTP " + status, null);
      }
      byte[] body = readCapped(response.body(), recordedUrl, status);
      Map<String, String> all = new HashMap<>();
      for (String name : response.headers().names()) {
        String value = response.header(name);
        if (value != null) {
          all.put(name, value);
        }
      }
      Map<String, String> headers = CaptureScrubber.keptHeaders(all);
      return new Capture(
          recordedUrl, request.method(), status, headers, body, clock.instant(), pageType);
    } catch (IOException e) {
      throw new TransientFetchException(recordedUrl, 0, e.getClass().getSimpleName(), e);
    }
  }

  private byte[] readCapped(ResponseBody body, String url, int status) throws IOException {
    long declared = body.contentLength();
    if (declared > maxBodyBytes) {
      throw new TransientFetchException(
          url, status, "body of " + declared + " bytes exceeds the cap of " + maxBodyBytes, null);
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBodyBytes) {
        throw new TransientFetchException(
            url, status, "body exceeds the cap of " + maxBodyBytes + " bytes", null);
      }
      return bytes;
    }
  }
}
