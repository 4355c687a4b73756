package dev.snscollector.worker.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyStats;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.testing.ForwardProxies;
import dev.snscollector.worker.testing.MutableClock;
import dev.snscollector.worker.tiktok.TiktokWebCollector;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A page served with 200 that the parsers classify as a block (TikTok's captcha) or a wall (a
 * redirect to the login page) cools its proxy down exactly as a 403 does, through two real forward
 * proxies; the job's sticky session ends with the route.
 */
class SoftBanLeaseTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");

  @Test
  void aCaptchaServedWith200AndALoginWallCoolTheirProxyDownAndTheNextJobGoesThroughTheOther()
      throws Exception {
    FixtureStore store = FixtureStore.load(FIXTURES);
    byte[] captcha =
        store.find("tiktok.web.profile", "captcha-verify-page").orElseThrow().capture().body();
    MutableClock clock = new MutableClock();
    try (FixtureOrigin origin =
            FixtureOrigin.builder(store)
                .interceptor(
                    r ->
                        switch (r.path()) {
                          case "/@flagged.visitor" ->
                              Optional.of(
                                  new FixtureOrigin.Response(
                                      200,
                                      Map.of("content-type", "text/html; charset=utf-8"),
                                      captcha));
                          case "/@walled.creator" ->
                              Optional.of(
                                  new FixtureOrigin.Response(
                                      302,
                                      Map.of(
                                          "location",
                                          "https://www.tiktok.com/login?redirect_url=https%3A%2F%2Fwww.tiktok.com%2F%40walled.creator"),
                                      new byte[0]));
                          default -> Optional.empty();
                        })
                .build()
                .start();
        LocalForwardProxy a = new LocalForwardProxy();
        LocalForwardProxy b = new LocalForwardProxy()) {
      ProxyPool pool = ForwardProxies.pool(clock, a, b);
      try (CrawlFetcher crawl =
          new CrawlFetcher(
              pool,
              HttpFetcher.newClient(4),
              clock,
              WorkerRuntime.MAX_BODY_BYTES,
              SiteUrls.from(origin.baseUrl()))) {
        TiktokWebCollector tiktok = new TiktokWebCollector(crawl, ParserRegistry.defaults(), clock);

        assertThat(collect(tiktok, "soft-1", "@flagged.visitor").outcome())
            .isEqualTo(Outcome.BLOCKED);
        assertThat(pool.stats())
            .as("the proxy the captcha came through is banned for the site and cooling down")
            .filteredOn(p -> p.bans() == 1)
            .singleElement()
            .satisfies(p -> assertThat(p.cooldownUntil()).isAfter(clock.instant()));
        assertThat(pool.stats()).allSatisfy(p -> assertThat(p.inFlight()).isZero());
        assertThat(pool.stickySessions()).as("the job's session ended with its route").isZero();

        int beforeA = a.forwarded.get();
        int beforeB = b.forwarded.get();
        assertThat(collect(tiktok, "soft-2", "@hanbit.dance").outcome()).isEqualTo(Outcome.OK);
        boolean aWasBanned = pool.stats().getFirst().bans() == 1;
        assertThat(aWasBanned ? a.forwarded.get() - beforeA : b.forwarded.get() - beforeB)
            .as("nothing more through the cooling proxy")
            .isZero();

        // The other proxy walks into a login wall: now both cool down and none is left.
        dev.snscollector.worker.Collection walled = collect(tiktok, "soft-3", "@walled.creator");
        assertThat(walled.outcome()).as(walled.detail()).isEqualTo(Outcome.LOGIN_WALL);
        assertThat(pool.stats()).extracting(ProxyStats::bans).containsExactly(1L, 1L);
        assertThat(pool.stats()).allSatisfy(p -> assertThat(p.inFlight()).isZero());
      }
    }
  }

  private static dev.snscollector.worker.Collection collect(
      TiktokWebCollector tiktok, String jobId, String target) {
    return tiktok.collect(JobMessage.of(jobId, Platform.TIKTOK, JobKind.PROFILE, target));
  }
}
