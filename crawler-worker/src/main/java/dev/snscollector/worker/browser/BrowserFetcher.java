package dev.snscollector.worker.browser;

import dev.snscollector.capture.CaptureScrubber;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.proxypool.LeaseOutcome;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyLease;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.crawl.ProxyUnavailableException;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.route.LeaseResults;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The browser route: renders a page in Chromium through a leased proxy and returns the lease with
 * what happened, as the crawl route does (403 → banned, 429 → rate limited with Retry-After, a
 * failed connect → connect failed, a page timeout or a hung browser → timed out). Thread-safe:
 * callers (jobs on virtual threads) hand pages to {@link BrowserConfig#slots()} browser slots, each
 * driven by its own platform thread, and wait at most the page timeout plus a grace; a browser
 * still stuck then is killed and relaunched on the next page, so it never hangs the worker.
 *
 * <p>A session (a job id) always goes to the same slot and, with its proxy, the same browser
 * context, so a job's pages share cookies and no two jobs do.
 */
public final class BrowserFetcher implements AutoCloseable {
  private final ProxyPool pool;
  private final BrowserConfig config;
  private final Clock clock;
  private final LeaseResults results;

  /** A render's time limit on a running slot, and on one whose Chromium starts first. */
  private final TimeLimiter warm;

  private final TimeLimiter cold;
  private final Lane[] lanes;
  private final AtomicInteger nextLane = new AtomicInteger();
  private final AtomicInteger slotsStarted = new AtomicInteger();
  private volatile boolean closed;

  /**
   * One slot's place: a resilience4j {@link Bulkhead} of one call (fair, waiting up to the queue
   * timeout) that guards it, and the slot, replaced when it hangs. The permit goes back when the
   * slot has finished the page, which may be after the job stopped waiting for it.
   */
  private static final class Lane {
    final int index;
    final Bulkhead permit;
    volatile BrowserSlot slot;

    Lane(int index, BrowserSlot slot, Duration queueTimeout) {
      this.index = index;
      this.slot = slot;
      this.permit =
          Bulkhead.of(
              "browser-" + index,
              BulkheadConfig.custom()
                  .maxConcurrentCalls(1)
                  .maxWaitDuration(queueTimeout)
                  .fairCallHandlingStrategyEnabled(true)
                  .build());
    }

    boolean free() {
      return permit.getMetrics().getAvailableConcurrentCalls() > 0;
    }
  }

  /** Nothing starts here: the driver and Chromium start on each slot's first page. */
  public BrowserFetcher(ProxyPool pool, BrowserConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.results = new LeaseResults(clock);
    Duration page = config.pageTimeout().plus(config.hangGrace());
    this.warm = renderLimit(page);
    this.cold = renderLimit(page.plus(config.launchTimeout()));
    this.lanes = new Lane[config.slots()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new Lane(i, newSlot(i), config.queueTimeout());
    }
  }

  /** {@link #render(String, String, String, String)} waiting for the network to go idle. */
  public RenderedPage render(String url, @Nullable String session, @Nullable String pageType) {
    return render(url, session, pageType, null);
  }

  /**
   * Renders {@code url} for {@code session} (a job id; null for a one-off page).
   *
   * @param waitForSelector a CSS selector that shows the page has its data (e.g. {@code
   *     script#__UNIVERSAL_DATA_FOR_REHYDRATION__}), waited for up to the page timeout; null waits
   *     up to {@link BrowserConfig#settleTime()} for the network to go idle
   * @return the document, with any HTTP status below 500 (walls and block pages are for the parsers
   *     to classify), and the JSON the page fetched
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL
   * @throws IllegalStateException when the fetcher is closed or there is no Chromium executable
   * @throws ProxyUnavailableException when no proxy can be leased now (retry later)
   * @throws UnsupportedProxyException when the leased proxy is SOCKS5 with credentials
   * @throws TransientFetchException when the page failed in a way that may pass: a timeout, a
   *     failed connect, a crash, a 5xx, all browsers busy past {@link BrowserConfig#queueTimeout()}
   */
  public RenderedPage render(
      String url,
      @Nullable String session,
      @Nullable String pageType,
      @Nullable String waitForSelector) {
    return render(url, session, pageType, waitForSelector, false);
  }

  /**
   * As {@link #render(String, String, String, String)}; with {@code hold}, a page the status does
   * not explain keeps its proxy lease until {@link #settle} or {@link #endSession} (a route's page,
   * which the parsers read next).
   */
  RenderedPage render(
      String url,
      @Nullable String session,
      @Nullable String pageType,
      @Nullable String waitForSelector,
      boolean hold) {
    String recorded = CaptureScrubber.url(url);
    String domain = domainOf(url, recorded);
    if (closed) {
      throw new IllegalStateException("the browser fetcher is closed");
    }
    if (!config.executableAvailable()) {
      throw new IllegalStateException(
          "no Chromium at "
              + config.executable()
              + ": install Debian's chromium or set BROWSER_EXECUTABLE");
    }
    Lane lane = acquire(session, recorded);
    AtomicBoolean returned = new AtomicBoolean();
    Runnable giveBack =
        () -> {
          if (returned.compareAndSet(false, true)) {
            lane.permit.onComplete();
          }
        };
    boolean submitted = false;
    try {
      ProxyLease lease =
          pool.lease(domain, session).orElseThrow(() -> new ProxyUnavailableException(domain));
      ProxyEndpoint proxy = lease.endpoint();
      if (proxy.scheme() == ProxyEndpoint.Scheme.SOCKS5 && proxy.username() != null) {
        lease.release(LeaseOutcome.OK, Duration.ZERO);
        throw new UnsupportedProxyException(proxy.id());
      }
      BrowserSlot slot = lane.slot;
      TimeLimiter limit = slot.running() ? warm : cold;
      Instant start = clock.instant();
      Future<RenderedPage> future;
      try {
        future =
            slot.submit(
                new RenderRequest(url, proxy, session, pageType, waitForSelector), giveBack);
      } catch (RejectedExecutionException e) {
        lease.release(LeaseOutcome.OK, Duration.ZERO);
        throw new IllegalStateException("the browser fetcher is closed", e);
      }
      submitted = true;
      RenderedPage page = await(future, limit, lane, slot, lease, start, recorded, giveBack);
      return withFeedback(
          page, lease, Duration.between(start, clock.instant()), recorded, hold ? session : null);
    } finally {
      if (!submitted) {
        giveBack.run();
      }
    }
  }

  /**
   * A resilience4j time limit of {@code limit}; it leaves the render's future alone when it runs
   * out, since {@link #await} kills the whole slot instead.
   */
  private static TimeLimiter renderLimit(Duration limit) {
    return TimeLimiter.of(
        TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(false).build());
  }

  private RenderedPage await(
      Future<RenderedPage> future,
      TimeLimiter limit,
      Lane lane,
      BrowserSlot slot,
      ProxyLease lease,
      Instant start,
      String recorded,
      Runnable giveBack) {
    try {
      return limit.executeFutureSupplier(() -> future);
    } catch (TimeoutException e) {
      lane.slot = newSlot(lane.index);
      slot.abandon();
      giveBack.run();
      lease.release(LeaseOutcome.TIMED_OUT, Duration.between(start, clock.instant()));
      throw new TransientFetchException(
          recorded,
          0,
          "browser hung past "
              + limit.getTimeLimiterConfig().getTimeoutDuration().toSeconds()
              + " s, killed; it restarts on the next page",
          null);
    } catch (RenderFailure failure) {
      // The time limiter hands on what the render threw, unwrapped.
      lease.release(failure.outcome(), Duration.between(start, clock.instant()));
      throw new TransientFetchException(recorded, 0, failure.reason(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lease.release(LeaseOutcome.OK, Duration.between(start, clock.instant()));
      throw new TransientFetchException(recorded, 0, "interrupted while the page rendered", null);
    } catch (RuntimeException unexpected) {
      lease.release(LeaseOutcome.OK, Duration.between(start, clock.instant()));
      throw unexpected;
    } catch (Exception other) {
      lease.release(LeaseOutcome.OK, Duration.between(start, clock.instant()));
      throw new IllegalStateException("the browser slot failed", other);
    }
  }

  private RenderedPage withFeedback(
      RenderedPage page,
      ProxyLease lease,
      Duration latency,
      String recorded,
      @Nullable String session) {
    int status = page.document().status();
    if (status >= 500) {
      lease.release(LeaseOutcome.OK, latency);
      throw new TransientFetchException(recorded, status, "HTTP " + status, null);
    }
    results.afterFetch(lease, page.document(), latency, session);
    return page;
  }

  /** The session's own lane, or for a one-off page the first free one, waiting in turn. */
  private Lane acquire(@Nullable String session, String recorded) {
    Lane lane;
    if (session != null) {
      lane = lanes[Math.floorMod(session.hashCode(), lanes.length)];
    } else {
      int first = Math.floorMod(nextLane.getAndIncrement(), lanes.length);
      lane = lanes[first];
      for (int i = 0; i < lanes.length; i++) {
        Lane candidate = lanes[(first + i) % lanes.length];
        if (candidate.free()) {
          lane = candidate;
          break;
        }
      }
    }
    if (lane.permit.tryAcquirePermission()) {
      return lane;
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new TransientFetchException(recorded, 0, "interrupted waiting for a browser", null);
    }
    throw new TransientFetchException(
        recorded, 0, "no browser free within " + config.queueTimeout().toSeconds() + " s", null);
  }

  private static String domainOf(String url, String recorded) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.getHost();
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an http(s) URL: " + recorded);
  }

  private BrowserSlot newSlot(int lane) {
    return new BrowserSlot("browser-" + lane + "-" + slotsStarted.incrementAndGet(), config, clock);
  }

  /** Returns the lease held for the session's last page with the parsers' verdict on it. */
  public void settle(String session, Outcome outcome) {
    results.settle(session, outcome);
  }

  /** Gives back a lease the session still holds and forgets its sticky proxy. */
  public void endSession(String session) {
    results.endSession(session);
    pool.endSession(session);
  }

  /** Closes every browser, killing those that do not close within the hang grace. */
  @Override
  public void close() {
    closed = true;
    for (Lane lane : lanes) {
      lane.slot.close(config.hangGrace());
    }
  }
}
