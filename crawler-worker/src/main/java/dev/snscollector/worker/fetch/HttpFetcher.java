package dev.snscollector.worker.fetch;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureScrubber;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * TransientFetchException}. Before the request is sent, room for a body of the expected size is
 * reserved in the worker's {@link BodyBudget} (waiting while the budget is full); the room follows
 * the declared length once the headers are in and the body's size once read. A body above the
 * per-page cap is not read: {@link OversizedBodyException} (a block page never weighs 8 MiB; a
 * runaway response should not take the heap).
 */
public final class HttpFetcher {
  private final OkHttpClient client;
  private final Clock clock;
  private final long maxBodyBytes;
  private final BodyBudget budget;
  private final FetchRetry retry;

  public HttpFetcher(OkHttpClient client, Clock clock, long maxBodyBytes) {
    this(client, clock, maxBodyBytes, BodyBudget.unlimited());
  }

  public HttpFetcher(OkHttpClient client, Clock clock, long maxBodyBytes, BodyBudget budget) {
    this(client, clock, maxBodyBytes, budget, FetchRetry.NONE);
  }

  /**
   * @param retry how a transient failure is retried inside the job (the crawl retries around its
   *     proxy lease instead, and gives {@link FetchRetry#NONE})
   */
  public HttpFetcher(
      OkHttpClient client, Clock clock, long maxBodyBytes, BodyBudget budget, FetchRetry retry) {
    this.client = client;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.budget = budget;
    this.retry = retry;
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
   * The URL to record for a request an interceptor made on the caller's behalf (a redirect it
   * followed): set as the request's tag, it replaces the caller's {@code recordedUrl} in the
   * capture of the answer to that request. Already without secrets.
   */
  public record RecordedUrl(String url) {}

  /**
   * Runs the request.
   *
   * @param request the request, which may carry credentials in headers or query
   * @param recordedUrl the URL to record in the capture and errors: the request's without secrets
   *     (or the {@link RecordedUrl} of the request that got the answer)
   * @param pageType the page type the caller expects
   */
  public Capture fetch(Request request, String recordedUrl, @Nullable String pageType) {
    return retry.call(() -> once(request, recordedUrl, pageType));
  }

  private Capture once(Request request, String recordedUrl, @Nullable String pageType) {
    BodyBudget.Reservation room;
    try {
      // Admission before the request: a job waiting for room holds no connection and runs no
      // timeout (a wait between headers and body ran into the call timeout under load).
      room = budget.reserve(-1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFetchException(recordedUrl, 0, "interrupted waiting for body budget", e);
    }
    boolean settled = false;
    try (Response response = client.newCall(request).execute()) {
      int status = response.code();
      if (status >= 500) {
        throw new TransientFetchException(recordedUrl, status, "HTTP " + status, null);
      }
      long declared = response.body().contentLength();
      if (declared > maxBodyBytes) {
        throw new OversizedBodyException(recordedUrl, declared, maxBodyBytes);
      }
      if (declared >= 0) {
        room.resize(declared);
      }
      byte[] body = readCapped(response.body(), recordedUrl, declared);
      room.settle(body.length);
      settled = true;
      Map<String, String> all = new HashMap<>();
      for (String name : response.headers().names()) {
        String value = response.header(name);
        if (value != null) {
          all.put(name, value);
        }
      }
      Map<String, String> headers = CaptureScrubber.keptHeaders(all);
      RecordedUrl answered = response.request().tag(RecordedUrl.class);
      return new Capture(
          answered == null ? recordedUrl : answered.url(),
          response.request().method(),
          status,
          headers,
          body,
          clock.instant(),
          pageType);
    } catch (IOException e) {
      throw new TransientFetchException(recordedUrl, 0, e.getClass().getSimpleName(), e);
    } finally {
      if (!settled) {
        room.cancel();
      }
    }
  }

  private byte[] readCapped(ResponseBody body, String url, long declared) throws IOException {
    try (InputStream in = body.byteStream()) {
      if (declared >= 0) {
        // Straight into an array of the declared size: readNBytes(int) reads in chunks and
        // copies them into a final array, twice the page on the heap for a moment.
        byte[] bytes = new byte[(int) declared];
        int n = in.readNBytes(bytes, 0, bytes.length);
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
      }
      byte[] bytes = in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBodyBytes) {
        throw new OversizedBodyException(url, -1, maxBodyBytes);
      }
      return bytes;
    }
  }
}
