package dev.snscollector.worker.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.browser.BrowserConfig;
import dev.snscollector.worker.browser.BrowserFetcher;
import dev.snscollector.worker.browser.BrowserPageFetcher;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.route.SiteUrls;
import dev.snscollector.worker.testing.DirectCrawl;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TikTok's public pages over the crawl and the browser route, against the fixture origin. */
class TiktokWebCollectorTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final ConcurrentLinkedQueue<FixtureOrigin.Request> SEEN =
      new ConcurrentLinkedQueue<>();

  private static FixtureStore store;
  private static FixtureOrigin origin;
  private static ProxyPool direct;
  private static CrawlFetcher crawl;
  private static TiktokWebCollector collector;

  @BeforeAll
  static void start() {
    store = FixtureStore.load(FIXTURES);
    origin = FixtureOrigin.builder(store).interceptor(TiktokWebCollectorTest::answer).build();
    origin.start();
    Clock clock = Clock.systemUTC();
    direct = DirectCrawl.pool(clock);
    crawl = DirectCrawl.through(direct, origin, clock);
    collector = new TiktokWebCollector(crawl, ParserRegistry.defaults(), clock);
  }

  @AfterAll
  static void stop() {
    crawl.close();
    origin.close();
  }

  /** What TikTok does that no fixture records: redirects, and a captcha for a flagged visitor. */
  private static Optional<FixtureOrigin.Response> answer(FixtureOrigin.Request r) {
    SEEN.add(r);
    return switch (r.path()) {
      case "/@_/video/7300000000000000123" ->
          Optional.of(redirect("/@quiet.pottery/video/7300000000000000123"));
      case "/@walled.creator" ->
          Optional.of(
              redirect(
                  "https://www.tiktok.com/login?redirect_url=https%3A%2F%2Fwww.tiktok.com%2F%40walled.creator"));
      case "/@flagged.visitor" -> {
        var captcha = store.find("tiktok.web.profile", "captcha-verify-page").orElseThrow();
        yield Optional.of(
            new FixtureOrigin.Response(
                200, Map.of("content-type", "text/html; charset=utf-8"), captcha.capture().body()));
      }
      default -> Optional.empty();
    };
  }

  private static FixtureOrigin.Response redirect(String location) {
    return new FixtureOrigin.Response(302, Map.of("location", location), new byte[0]);
  }

  private static Collection collect(JobKind kind, String target) {
    return collector.collect(
        JobMessage.of("tw-" + target.hashCode(), Platform.TIKTOK, kind, target));
  }

  private static List<NormalizedRecord> expected(String pageType, String name) {
    return store.find(pageType, name).orElseThrow().expected();
  }

  @Test
  void aProfileComesFromTheProfilePageAndSaysCrawl() {
    SEEN.clear();
    Collection c = collect(JobKind.PROFILE, "@hanbit.dance");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(expected("tiktok.web.profile", "hanbit-dance-korean-emoji"));
    assertThat(c.records().getFirst().source().route()).isEqualTo(Route.CRAWL);
    assertThat(c.records().getFirst().source().url())
        .isEqualTo("https://www.tiktok.com/@hanbit.dance");
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.route()).isEqualTo(Route.CRAWL));
    assertThat(SEEN).singleElement().satisfies(r -> assertThat(r.rawQuery()).isNull());
  }

  @Test
  void aPrivateAccountStillGivesItsHeaderAndAnUnknownOneIsNotFound() {
    assertThat(collect(JobKind.PROFILE, "@solo.diary.kr").records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("7211002233445566778");
    Collection missing = collect(JobKind.PROFILE, "https://www.tiktok.com/@no.such.creator.kr");
    assertThat(missing.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(missing.records()).isEmpty();
  }

  @Test
  void aPostComesFromTheVideoPageOfItsUrl() {
    Collection c =
        collect(JobKind.POST, "https://www.tiktok.com/@hanbit.dance/video/7345678901234567890");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(
            expected("tiktok.web.video", "korean-caption-hashtags-mentions"));
    assertThat(c.records().getFirst().source().route()).isEqualTo(Route.CRAWL);
  }

  @Test
  void aPostNamedByIdAloneIsAskedForUnderThePlaceholderHandleAndFollowsTheRedirect() {
    SEEN.clear();
    Collection c = collect(JobKind.POST, "7300000000000000123");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("7300000000000000123");
    assertThat(SEEN)
        .extracting(FixtureOrigin.Request::path)
        .containsExactly(
            "/@_/video/7300000000000000123", "/@quiet.pottery/video/7300000000000000123");
  }

  @Test
  void deletedAndPrivateVideosAreClassified() {
    assertThat(
            collect(JobKind.POST, "https://www.tiktok.com/@hanbit.dance/video/7311111111111111111")
                .outcome())
        .isEqualTo(Outcome.NOT_FOUND);
    assertThat(
            collect(JobKind.POST, "https://www.tiktok.com/@solo.diary.kr/video/7322222222222222222")
                .outcome())
        .isEqualTo(Outcome.PRIVATE);
  }

  @Test
  void aLoginRedirectAndACaptchaMoveTheJobOn() {
    Collection walled = collect(JobKind.PROFILE, "@walled.creator");
    assertThat(walled.outcome()).isEqualTo(Outcome.LOGIN_WALL);
    assertThat(walled.detail()).contains("TikTok login");
    assertThat(collect(JobKind.PROFILE, "@flagged.visitor").outcome()).isEqualTo(Outcome.BLOCKED);
  }

  @Test
  void postsAndCommentsAreNotOnThePages() {
    assertThat(
            collector.unavailableFor(
                JobMessage.of("tw1", Platform.TIKTOK, JobKind.POSTS, "@hanbit.dance")))
        .contains("item_list")
        .contains("API");
    assertThat(
            collector.unavailableFor(
                JobMessage.of("tw2", Platform.TIKTOK, JobKind.COMMENTS, "7345678901234567890")))
        .contains("comments");
  }

  @Test
  void theBrowserRouteReadsTheSamePagesAndSaysBrowser() {
    BrowserConfig config = BrowserConfig.fromEnvironment(System.getenv());
    assumeTrue(config.executableAvailable(), "no Chromium at " + config.executable());
    try (BrowserFetcher browser = new BrowserFetcher(direct, config, Clock.systemUTC())) {
      TiktokWebCollector viaBrowser =
          new TiktokWebCollector(
              new BrowserPageFetcher(browser, crawl, SiteUrls.from(origin.baseUrl())),
              ParserRegistry.defaults(),
              Clock.systemUTC());
      assertThat(viaBrowser.route()).isEqualTo(Route.BROWSER);

      Collection profile =
          viaBrowser.collect(
              JobMessage.of("tb1", Platform.TIKTOK, JobKind.PROFILE, "@solo.diary.kr"));
      assertThat(profile.outcome()).isEqualTo(Outcome.OK);
      assertThat(profile.records())
          .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
          .containsExactlyElementsOf(expected("tiktok.web.profile", "private-account-with-header"));
      assertThat(profile.records().getFirst().source().route()).isEqualTo(Route.BROWSER);
      assertThat(profile.routes())
          .singleElement()
          .satisfies(a -> assertThat(a.route()).isEqualTo(Route.BROWSER));

      Collection post =
          viaBrowser.collect(
              JobMessage.of(
                  "tb2",
                  Platform.TIKTOK,
                  JobKind.POST,
                  "https://www.tiktok.com/@quiet.pottery/video/7300000000000000123"));
      assertThat(post.outcome()).isEqualTo(Outcome.OK);
      assertThat(post.records())
          .singleElement()
          .satisfies(r -> assertThat(r.source().route()).isEqualTo(Route.BROWSER));
    }
  }
}
