package dev.snscollector.worker.naver;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Naver Blog's public documents over the crawl and the browser route, against the fixture origin.
 */
class NaverBlogCollectorTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final ConcurrentLinkedQueue<FixtureOrigin.Request> SEEN =
      new ConcurrentLinkedQueue<>();

  private static FixtureStore store;
  private static FixtureOrigin origin;
  private static ProxyPool direct;
  private static CrawlFetcher crawl;
  private static NaverBlogCollector collector;

  @BeforeAll
  static void start() {
    store = FixtureStore.load(FIXTURES);
    origin =
        FixtureOrigin.builder(store)
            .interceptor(
                r -> {
                  SEEN.add(r);
                  return Optional.empty();
                })
            .build()
            .start();
    Clock clock = Clock.systemUTC();
    direct = DirectCrawl.pool(clock);
    crawl = DirectCrawl.through(direct, origin, clock);
    collector = new NaverBlogCollector(crawl, ParserRegistry.defaults(), clock);
  }

  @AfterAll
  static void stop() {
    crawl.close();
    origin.close();
  }

  private static Collection collect(JobKind kind, String target) {
    return collect(JobMessage.of("nb-" + target.hashCode(), Platform.NAVER_BLOG, kind, target));
  }

  private static Collection collect(JobMessage job) {
    return collector.collect(job);
  }

  private static List<NormalizedRecord> expected(String pageType, String name) {
    return store.find(pageType, name).orElseThrow().expected();
  }

  @Test
  void aProfileComesFromTheBlogInfoJsonAskedForWithTheBlogHomeAsReferer() {
    SEEN.clear();
    Collection c = collect(JobKind.PROFILE, "haneul_kitchen");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(expected("naver_blog.profile", "with-neighbours-and-intro"));
    assertThat(c.records().getFirst().source().route()).isEqualTo(Route.CRAWL);
    assertThat(c.records().getFirst().source().url())
        .isEqualTo("https://m.blog.naver.com/rego/BlogInfo.naver?blogId=haneul_kitchen");
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.route()).isEqualTo(Route.CRAWL));
    assertThat(SEEN)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.host()).isEqualTo("m.blog.naver.com");
              assertThat(r.headers())
                  .containsEntry("referer", "https://m.blog.naver.com/haneul_kitchen");
            });
  }

  @Test
  void postsComeFromTheRssFeedWithTheBlogsProfile() {
    Collection c = collect(JobKind.POSTS, "https://blog.naver.com/haneul_kitchen");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(expected("naver_blog.rss", "three-posts-korean-tags"));
    assertThat(c.records()).allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.CRAWL));
  }

  @Test
  void maxItemsAndSinceNarrowThePostsButKeepTheProfile() {
    JobMessage capped =
        JobMessage.of("nb-max", Platform.NAVER_BLOG, JobKind.POSTS, "haneul_kitchen")
            .withOptions(new JobMessage.JobOptions(2, null, List.of()));
    assertThat(collect(capped).records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("haneul_kitchen", "224100000003", "224099000002");

    JobMessage recent =
        JobMessage.of("nb-since", Platform.NAVER_BLOG, JobKind.POSTS, "haneul_kitchen")
            .withOptions(
                new JobMessage.JobOptions(null, Instant.parse("2026-02-20T00:00:00Z"), List.of()));
    assertThat(collect(recent).records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("haneul_kitchen", "224100000003", "224099000002");
  }

  @Test
  void aPostComesFromTheMobilePostPage() {
    Collection c = collect(JobKind.POST, "haneul_kitchen/224100000003");

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(expected("naver_blog.post", "se4-smarteditor-one"));
    assertThat(c.records().getFirst().source().url())
        .isEqualTo(
            "https://m.blog.naver.com/PostView.naver?blogId=haneul_kitchen&logNo=224100000003");
    assertThat(c.records().getFirst().source().route()).isEqualTo(Route.CRAWL);
  }

  @Test
  void missingBlogsAndPostsAreNotFoundAndAPrivatePostIsPrivate() {
    assertThat(collect(JobKind.PROFILE, "no_such_blog_404").outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(collect(JobKind.POSTS, "no_such_blog_404").outcome()).isEqualTo(Outcome.NOT_FOUND);
    Collection deleted =
        collect(
            JobKind.POST,
            "https://m.blog.naver.com/PostView.naver?blogId=haneul_kitchen&logNo=224000000009");
    assertThat(deleted.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(deleted.records()).isEmpty();
    Collection hidden = collect(JobKind.POST, "https://blog.naver.com/haneul_kitchen/224000000010");
    assertThat(hidden.outcome()).isEqualTo(Outcome.PRIVATE);
    assertThat(hidden.detail()).contains("private");
  }

  @Test
  void commentsAreNotServed() {
    assertThat(
            collector.unavailableFor(
                JobMessage.of(
                    "nb-c", Platform.NAVER_BLOG, JobKind.COMMENTS, "haneul_kitchen/224100000003")))
        .contains("comment");
  }

  @Test
  void theBrowserRouteReadsTheSameDocumentsAndSaysBrowser() {
    BrowserConfig config = BrowserConfig.fromEnvironment(System.getenv());
    assumeTrue(config.executableAvailable(), "no Chromium at " + config.executable());
    try (BrowserFetcher browser = new BrowserFetcher(direct, config, Clock.systemUTC())) {
      NaverBlogCollector viaBrowser =
          new NaverBlogCollector(
              new BrowserPageFetcher(browser, crawl, SiteUrls.from(origin.baseUrl())),
              ParserRegistry.defaults(),
              Clock.systemUTC());
      assertThat(viaBrowser.route()).isEqualTo(Route.BROWSER);

      for (JobMessage job :
          List.of(
              JobMessage.of(
                  "nbb1", Platform.NAVER_BLOG, JobKind.POST, "trailrunner_kim/221680000001"),
              JobMessage.of("nbb2", Platform.NAVER_BLOG, JobKind.PROFILE, "haneul_kitchen"),
              JobMessage.of("nbb3", Platform.NAVER_BLOG, JobKind.POSTS, "trailrunner_kim"))) {
        Collection c = viaBrowser.collect(job);
        assertThat(c.outcome()).as(job.kind().wireName()).isEqualTo(Outcome.OK);
        assertThat(c.records())
            .as(job.kind().wireName())
            .isNotEmpty()
            .allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.BROWSER));
      }
    }
  }
}
