package dev.snscollector.worker.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.capture.Capture;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.fixtures.LocalSocksProxy;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.StaticProxySource;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.fetch.OversizedBodyException;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.testing.ForwardProxies;
import dev.snscollector.worker.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crawl route through real forward proxies on 127.0.0.1, with bans feeding back to the pool.
 */
class CrawlFetcherTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");

  /** A clock the test moves; the pool's cooldowns read it, so nothing sleeps. */
  @Test
  void aProxyThatStartsBanningIsCooledDownTheNextFetchesGoThroughTheOtherAndItComesBackLater()
      throws Exception {
    MutableClock clock = new MutableClock();
    try (FixtureOrigin origin = FixtureOrigin.builder(FIXTURES).build().start();
        LocalForwardProxy a = new LocalForwardProxy();
        LocalForwardProxy b = new LocalForwardProxy()) {
      ProxyPool pool = ForwardProxies.pool(clock, a, b);
      String url =
          origin.baseUrl()
              + "/www.googleapis.com/youtube/v3/channels?part=snippet,contentDetails,statistics&forHandle=bada.walk";
      try (CrawlFetcher fetcher =
          new CrawlFetcher(pool, HttpFetcher.newClient(4), clock, WorkerRuntime.MAX_BODY_BYTES)) {
        a.banning.set(true);
        int ok = 0;
        for (int i = 0; i < 6; i++) {
          Capture c = fetcher.fetch(url, null, null);
          ok += c.status() == 200 ? 1 : 0;
        }
        assertThat(ok).as("the banned request went on through B, as did the rest").isEqualTo(6);
        assertThat(a.refused.get())
            .as("A answered like a ban page once, then cooled down")
            .isEqualTo(1);
        assertThat(b.forwarded.get()).isEqualTo(6);

        a.banning.set(false);
        clock.advance(Duration.ofMinutes(2));
        // The pool prefers the healthier B while both are up; ban B too and A, its cooldown over,
        // must carry the traffic.
        b.banning.set(true);
        ok = 0;
        for (int i = 0; i < 6; i++) {
          ok += fetcher.fetch(url, null, null).status() == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(6);
        assertThat(b.refused.get()).isEqualTo(1);
        assertThat(a.forwarded.get()).as("A is back after its cooldown").isEqualTo(6);
      }
    }
  }

  @Test
  void anOversizedBodyIsRefusedAndItsProxyLeaseGoesBack() throws Exception {
    MutableClock clock = new MutableClock();
    try (FixtureOrigin origin = FixtureOrigin.builder(FIXTURES).build().start();
        LocalForwardProxy a = new LocalForwardProxy()) {
      ProxyPool pool =
          new ProxyPool(
              new StaticProxySource(List.of(ProxyEndpoint.http("127.0.0.1", a.port()))),
              ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO),
              clock);
      String url =
          origin.baseUrl()
              + "/www.googleapis.com/youtube/v3/channels?part=snippet,contentDetails,statistics&forHandle=bada.walk";
      // A cap below the fixture's size; more pages than the proxy's concurrent leases (4).
      try (CrawlFetcher fetcher = new CrawlFetcher(pool, HttpFetcher.newClient(4), clock, 100)) {
        for (int i = 0; i < 6; i++) {
          assertThatThrownBy(() -> fetcher.fetch(url, null, null))
              .isInstanceOf(OversizedBodyException.class);
        }
      }
      assertThat(a.forwarded.get()).isEqualTo(6);
      assertThat(pool.stats()).singleElement().satisfies(p -> assertThat(p.inFlight()).isZero());
    }
  }

  @Test
  void noHealthyProxyIsAProxyUnavailableNotAFailure() throws Exception {
    MutableClock clock = new MutableClock();
    try (FixtureOrigin origin = FixtureOrigin.builder(FIXTURES).build().start();
        LocalForwardProxy a = new LocalForwardProxy()) {
      ProxyPool pool =
          new ProxyPool(
              new StaticProxySource(List.of(ProxyEndpoint.http("127.0.0.1", a.port()))),
              ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO),
              clock);
      String url =
          origin.baseUrl()
              + "/www.googleapis.com/youtube/v3/channels?part=snippet&forHandle=bada.walk";
      try (CrawlFetcher fetcher =
          new CrawlFetcher(pool, HttpFetcher.newClient(4), clock, WorkerRuntime.MAX_BODY_BYTES)) {
        a.banning.set(true);
        // A answers like a ban page and cools down; with no other proxy the fetch cannot go on.
        assertThatThrownBy(() -> fetcher.fetch(url, "job-1", null))
            .isInstanceOf(ProxyUnavailableException.class)
            .hasMessageContaining("127.0.0.1");
        assertThat(a.refused.get()).isEqualTo(1);
      }
    }
  }

  @Test
  void aSocks5ProxyWithCredentialsCarriesTheFetchAndAWrongPasswordIsAFailedConnect()
      throws Exception {
    MutableClock clock = new MutableClock();
    try (FixtureOrigin origin = FixtureOrigin.builder(FIXTURES).build().start();
        LocalSocksProxy socks = new LocalSocksProxy("crawler", "right-pass")) {
      String url =
          origin.baseUrl()
              + "/www.googleapis.com/youtube/v3/channels?part=snippet,contentDetails,statistics&forHandle=bada.walk";
      ProxyPool good =
          new ProxyPool(
              new StaticProxySource(
                  List.of(
                      ProxyEndpoint.parse(
                          "socks5://crawler:right-pass@127.0.0.1:" + socks.port()))),
              ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO),
              clock);
      try (CrawlFetcher fetcher =
          new CrawlFetcher(good, HttpFetcher.newClient(4), clock, WorkerRuntime.MAX_BODY_BYTES)) {
        assertThat(fetcher.fetch(url, null, null).status()).isEqualTo(200);
      }
      assertThat(socks.tunnels.get()).isEqualTo(1);

      ProxyPool wrong =
          new ProxyPool(
              new StaticProxySource(
                  List.of(
                      ProxyEndpoint.parse(
                          "socks5://crawler:wrong-pass@127.0.0.1:" + socks.port()))),
              ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO),
              clock);
      try (CrawlFetcher fetcher =
          new CrawlFetcher(wrong, HttpFetcher.newClient(4), clock, WorkerRuntime.MAX_BODY_BYTES)) {
        assertThatThrownBy(() -> fetcher.fetch(url, null, null))
            .isInstanceOf(TransientFetchException.class)
            .hasMessageNotContaining("wrong-pass");
      }
      assertThat(socks.refusedLogins.get()).isPositive();
      assertThat(wrong.stats().getFirst().failures()).isPositive();
    }
  }
}
