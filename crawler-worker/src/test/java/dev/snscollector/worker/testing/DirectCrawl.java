package dev.snscollector.worker.testing;

import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.StaticProxySource;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.route.SiteUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The crawl route without proxies, sending every site's pages to one local origin. */
public final class DirectCrawl {
  private DirectCrawl() {}

  /**
   * A pool with no proxies that leases the direct route, without politeness delays and without
   * cooldowns: one test's block page must not keep the next test's pages from the origin.
   */
  public static ProxyPool pool(Clock clock) {
    return new ProxyPool(
        new StaticProxySource(List.of()),
        ProxyPoolConfig.defaults()
            .withAllowDirect(true)
            .withPerDomainInterval(Duration.ZERO)
            .withCooldown(Duration.ZERO, Duration.ZERO),
        clock);
  }

  /** The crawl through {@code direct}, sending every site's pages to {@code origin}. */
  public static CrawlFetcher through(ProxyPool direct, FixtureOrigin origin, Clock clock) {
    return new CrawlFetcher(
        direct,
        HttpFetcher.newClient(4),
        clock,
        WorkerRuntime.MAX_BODY_BYTES,
        SiteUrls.from(origin.baseUrl()));
  }
}
