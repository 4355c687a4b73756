package dev.snscollector.worker.crawl;

import dev.snscollector.fixtures.Scrubber;
import dev.snscollector.parsers.Capture;
import dev.snscollector.proxypool.LeaseOutcome;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyLease;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.fetch.TransientFetchException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a public page through a leased proxy and returns the lease with what happened, so bans
 * feed back to the pool: 403 → banned, 429 → rate limited (with Retry-After), a failed connect or a
 * timeout → the proxy's circuit breaker. A session (one job) keeps its proxy (sticky lease) and
 * every request one consistent header profile. No lease → {@link ProxyUnavailableException}.
 * Cookies per session and SOCKS5 credentials are not handled yet.
 */
public final class CrawlFetcher implements AutoCloseable {
  /** A desktop Chrome profile; Accept-Language asks for Korean first, then English. */
  private static final Map<String, String> HEADERS =
      Map.of(
          "User-Agent",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
          "Accept",
          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          "Accept-Language",
          "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
          "sec-ch-ua",
          "\"Chromium\";v=\"142\", \"Google Chrome\";v=\"142\", \"Not_A Brand\";v=\"99\"",
          "sec-ch-ua-mobile",
          "?0",
          "sec-ch-ua-platform",
          "\"Linux\"");

  private final ProxyPool pool;
  private final OkHttpClient base;
  private final Clock clock;
  private final long maxBodyBytes;
  private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();

  public CrawlFetcher(ProxyPool pool, OkHttpClient base, Clock clock, long maxBodyBytes) {
    this.pool = pool;
    this.base = base;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Fetches {@code url} for {@code session} (a job id; null for a one-off fetch).
   *
   * @throws ProxyUnavailableException when no proxy can be leased now
   * @throws TransientFetchException when the fetch failed in a way that may pass
   */
  public Capture fetch(String url, @Nullable String session, @Nullable String pageType) {
    HttpUrl target = HttpUrl.get(url);
    String domain = target.host();
    ProxyLease lease =
        pool.lease(domain, session).orElseThrow(() -> new ProxyUnavailableException(domain));
    Instant start = clock.instant();
    Request.Builder request = new Request.Builder().url(target).get();
    HEADERS.forEach(request::header);
    HttpFetcher fetcher = new HttpFetcher(client(lease.endpoint()), clock, maxBodyBytes);
    Capture capture;
    try {
      // Recorded and reported without credential parameters, should a URL carry any.
      capture = fetcher.fetch(request.build(), Scrubber.url(url), pageType);
    } catch (TransientFetchException e) {
      lease.release(failureOf(e), Duration.between(start, clock.instant()));
      throw e;
    }
    Duration latency = Duration.between(start, clock.instant());
    switch (capture.status()) {
      case 403 -> lease.release(LeaseOutcome.BANNED, latency);
      case 429 -> lease.release(LeaseOutcome.RATE_LIMITED, latency, retryAfter(capture));
      default -> lease.release(LeaseOutcome.OK, latency);
    }
    return capture;
  }

  private static LeaseOutcome failureOf(TransientFetchException e) {
    Throwable cause = e.getCause();
    if (cause instanceof SocketTimeoutException
        || (cause != null
            && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timeout"))) {
      return LeaseOutcome.TIMED_OUT;
    }
    // A proxy answering 5xx or refusing the connection counts against it; the origin's own 5xx
    // usually passes through the proxy unchanged and costs it nothing worse than a retry.
    return e.status() == 0 ? LeaseOutcome.CONNECT_FAILED : LeaseOutcome.OK;
  }

  private static @Nullable Duration retryAfter(Capture capture) {
    String value = capture.header("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private OkHttpClient client(ProxyEndpoint endpoint) {
    return clients.computeIfAbsent(
        endpoint.id(),
        id -> {
          OkHttpClient.Builder b = base.newBuilder().followRedirects(false);
          switch (endpoint.scheme()) {
            case DIRECT -> b.proxy(Proxy.NO_PROXY);
            case HTTP -> {
              b.proxy(
                  new Proxy(
                      Proxy.Type.HTTP,
                      InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port())));
              if (endpoint.username() != null && endpoint.password() != null) {
                String credential = Credentials.basic(endpoint.username(), endpoint.password());
                b.proxyAuthenticator(
                    (route, response) ->
                        response
                            .request()
                            .newBuilder()
                            .header("Proxy-Authorization", credential)
                            .build());
              }
            }
            case SOCKS5 ->
                b.proxy(
                    new Proxy(
                        Proxy.Type.SOCKS,
                        InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port())));
          }
          return b.build();
        });
  }

  @Override
  public void close() {
    clients.values().forEach(c -> c.connectionPool().evictAll());
  }
}
