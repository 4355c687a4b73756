package dev.snscollector.worker.crawl;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureScrubber;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Route;
import dev.snscollector.proxypool.LeaseOutcome;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyLease;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.fetch.BodyBudget;
import dev.snscollector.worker.fetch.FetchRetry;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.route.LeaseResults;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.SiteUrls;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * The crawl route: public pages over HTTP through a leased proxy, returning the lease with what
 * happened so bans feed back to the pool: 403 → banned, 429 → rate limited (with Retry-After), a
 * failed connect or a timeout → the proxy's circuit breaker, and any other page with what the
 * parsers made of it ({@link LeaseResults}: a 200 block page bans the proxy too).
 *
 * <p>What a request goes through, outermost first:
 *
 * <ol>
 *   <li>here: the site's slot in the {@link SiteRates} (politeness over all proxies), a proxy lease
 *       (sticky per session; none → {@link ProxyUnavailableException}), a retry with a new lease
 *       after a transient failure ({@link FetchRetry}) and the next proxy after a ban;
 *   <li>that proxy's OkHttp client, whose interceptors are the {@link RedirectInterceptor} (hops on
 *       the same proxy, stopping at login and consent walls) and the {@link SessionInterceptor}
 *       (one header profile, the session's own cookies);
 *   <li>{@link HttpFetcher}: the body read under the size cap and the worker's body budget, and the
 *       capture recorded under the site's URL without credentials, as for the API routes.
 * </ol>
 *
 * The lease stays out of the interceptor chain: OkHttp binds a proxy to a client and pools its
 * connections by it, so each proxy has its own client and the lease chooses among them.
 */
public final class CrawlFetcher implements PageFetcher, AutoCloseable {
  private static final int MAX_PROXIES_PER_REQUEST = 3;
  private static final Duration LEASE_WAIT = Duration.ofSeconds(5);
  private static final Duration LEASE_POLL = Duration.ofMillis(100);

  private final ProxyPool pool;
  private final OkHttpClient base;
  private final Clock clock;
  private final long maxBodyBytes;
  private final SiteUrls sites;
  private final BodyBudget budget;
  private final LeaseResults results;
  private final FetchRetry retry;
  private final SiteRates siteRates;
  private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();
  private final SessionInterceptor sessions = new SessionInterceptor();
  private final RedirectInterceptor redirects;

  /**
   * @param budget the bytes of bodies all fetches may hold at once
   * @param retry how a request that failed transiently is tried again within the job: with a new
   *     lease each time, so the failure still counts against the proxy that had it
   * @param siteRates the cap on requests per site over all proxies ({@code CRAWL_SITE_RATE}), taken
   *     before each proxy is leased
   */
  public CrawlFetcher(
      ProxyPool pool,
      OkHttpClient base,
      Clock clock,
      long maxBodyBytes,
      SiteUrls sites,
      BodyBudget budget,
      FetchRetry retry,
      SiteRates siteRates) {
    this.retry = retry;
    this.siteRates = siteRates;
    this.pool = pool;
    this.base = base;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.sites = sites;
    this.budget = budget;
    this.results = new LeaseResults(clock);
    this.redirects = new RedirectInterceptor(sites);
  }

  public CrawlFetcher(
      ProxyPool pool, OkHttpClient base, Clock clock, long maxBodyBytes, SiteUrls sites) {
    this(
        pool,
        base,
        clock,
        maxBodyBytes,
        sites,
        BodyBudget.unlimited(),
        FetchRetry.NONE,
        SiteRates.NONE);
  }

  public CrawlFetcher(ProxyPool pool, OkHttpClient base, Clock clock, long maxBodyBytes) {
    this(pool, base, clock, maxBodyBytes, SiteUrls.direct());
  }

  @Override
  public Route route() {
    return Route.CRAWL;
  }

  /**
   * Fetches {@code url} with GET for {@code session} (a job id; null for a one-off fetch), outside
   * a route: no parse follows, so the proxy's lease goes back on the status alone.
   *
   * @throws ProxyUnavailableException when no proxy can be leased now
   * @throws TransientFetchException when the fetch failed in a way that may pass
   */
  public Capture fetch(String url, @Nullable String session, @Nullable String pageType) {
    PageRequest request =
        new PageRequest("GET", url, Map.of(), null, pageType == null ? "" : pageType);
    return fetch(request, session, false);
  }

  /** A route's page: its lease is held until {@link #settle} (or {@link #endSession}). */
  @Override
  public Capture fetch(PageRequest request, String session) {
    return fetch(request, session, true);
  }

  private Capture fetch(PageRequest request, @Nullable String session, boolean hold) {
    return once(request, HttpUrl.get(request.url()), session, hold);
  }

  @Override
  public void settle(String session, Outcome outcome) {
    results.settle(session, outcome);
  }

  @Override
  public void endSession(String session) {
    results.endSession(session);
    sessions.end(session);
    pool.endSession(session);
  }

  /**
   * One request, through as many proxies as it takes: an answer that bans the proxy (403, 429)
   * cools that proxy down for the site and the request goes through the next one, up to {@link
   * #MAX_PROXIES_PER_REQUEST}; the last answer is returned for the parsers to classify. When no
   * proxy is left, {@link ProxyUnavailableException}: the job waits for the pool, it is not failed.
   */
  private Capture once(
      PageRequest request, HttpUrl target, @Nullable String session, boolean hold) {
    Capture capture = null;
    for (int proxies = 0; proxies < MAX_PROXIES_PER_REQUEST; proxies++) {
      capture = retry.call(() -> throughOneProxy(request, target, session, hold));
      if (capture.status() != 403 && capture.status() != 429) {
        return capture;
      }
    }
    return Objects.requireNonNull(capture);
  }

  /**
   * A lease for the site, waiting out a proxy that is only busy (its concurrency cap, the site's
   * politeness interval) for up to {@link #LEASE_WAIT}; none by then means none is healthy.
   */
  private ProxyLease lease(String domain, @Nullable String session) {
    long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
    while (true) {
      Optional<ProxyLease> lease = pool.lease(domain, session);
      if (lease.isPresent()) {
        return lease.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ProxyUnavailableException(domain);
      }
      try {
        Thread.sleep(LEASE_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProxyUnavailableException(domain);
      }
    }
  }

  private Capture throughOneProxy(
      PageRequest request, HttpUrl target, @Nullable String session, boolean hold) {
    String domain = target.host();
    siteRates.acquire(domain);
    ProxyLease lease = lease(domain, session);
    Instant start = clock.instant();
    HttpUrl sent = sites.resolve(target);
    Request.Builder http =
        new Request.Builder()
            .url(sent)
            .tag(SessionInterceptor.Tag.class, new SessionInterceptor.Tag(session, target));
    request.headers().forEach(http::header);
    byte[] body = request.body();
    if (body != null) {
      String type = request.headers().getOrDefault("Content-Type", "application/json");
      http.method(request.method(), RequestBody.create(body, MediaType.get(type)));
    } else {
      http.method(request.method(), null);
    }
    HttpFetcher fetcher = new HttpFetcher(client(lease.endpoint()), clock, maxBodyBytes, budget);
    Capture capture;
    try {
      // Recorded and reported as the site's URL, without credential parameters.
      capture =
          fetcher.fetch(
              http.build(),
              CaptureScrubber.url(target.toString()),
              request.pageType().isEmpty() ? null : request.pageType());
    } catch (TransientFetchException e) {
      lease.release(failureOf(e), Duration.between(start, clock.instant()));
      throw e;
    } catch (RuntimeException e) {
      // The proxy delivered (an oversized body, say): the lease goes back, or it is never lent
      // again once PROXY_MAX_LEASES such pages went through it.
      lease.release(LeaseOutcome.OK, Duration.between(start, clock.instant()));
      throw e;
    }
    results.afterFetch(
        lease, capture, Duration.between(start, clock.instant()), hold ? session : null);
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

  private OkHttpClient client(ProxyEndpoint endpoint) {
    return clients.computeIfAbsent(
        endpoint.id(),
        id -> {
          OkHttpClient.Builder b =
              base.newBuilder()
                  .followRedirects(false)
                  .followSslRedirects(false)
                  .addInterceptor(redirects)
                  .addInterceptor(sessions);
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
            case SOCKS5 -> {
              b.proxy(
                  new Proxy(
                      Proxy.Type.SOCKS,
                      InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port())));
              if (endpoint.username() != null && endpoint.password() != null) {
                SocksCredentials.register(
                    endpoint.host(), endpoint.port(), endpoint.username(), endpoint.password());
              }
            }
          }
          return b.build();
        });
  }

  @Override
  public void close() {
    clients.values().forEach(c -> c.connectionPool().evictAll());
  }
}
