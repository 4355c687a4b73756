package dev.snscollector.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.ProxyStats;
import dev.snscollector.proxypool.StaticProxySource;
import dev.snscollector.worker.fetch.TransientFetchException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser route in Debian's Chromium against a real origin on 127.0.0.1, without a proxy: pages
 * that only have content after their scripts ran, blocked media, and pages that hang.
 */
class BrowserFetcherTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));

  private static RenderingOrigin origin;
  private static ProxyPool pool;
  private static BrowserFetcher fetcher;

  @BeforeAll
  static void start() throws Exception {
    BrowserConfig config =
        BrowserConfig.fromEnvironment(System.getenv())
            .withPageTimeout(Duration.ofSeconds(5))
            .withHangGrace(Duration.ofSeconds(3))
            .withSlots(2)
            .withPagesPerContext(2);
    assumeTrue(
        config.executableAvailable(),
        "no Chromium at "
            + config.executable()
            + ": install Debian's chromium or set BROWSER_EXECUTABLE to run the browser tests");
    origin = new RenderingOrigin(PROJECT);
    // The direct route, never tripped by the hangs below: the tests read its counters instead.
    pool =
        new ProxyPool(
            new StaticProxySource(List.of()),
            ProxyPoolConfig.defaults()
                .withAllowDirect(true)
                .withPerDomainInterval(Duration.ZERO)
                .withCircuit(100, Duration.ofSeconds(1)),
            Clock.systemUTC());
    fetcher = new BrowserFetcher(pool, config, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (fetcher != null) {
      fetcher.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void aPageThatOnlyRendersWithJavaScriptComesBackRenderedWithTheJsonItFetched() {
    RenderedPage page = fetcher.render(origin.url("/plain"), null, null);

    assertThat(page.settled()).isTrue();
    assertThat(page.document().status()).isEqualTo(200);
    assertThat(page.document().bodyText())
        .contains("<p id=\"greeting\">안녕하세요, rendered by script</p>");
    assertThat(page.document().header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.document().bodyText()).contains("<p id=\"languages\">ko-KR,ko,en-US,en</p>");
    assertThat(origin.documentHeaders)
        .containsEntry("accept-language", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")
        .hasEntrySatisfying(
            "user-agent", ua -> assertThat(ua).contains("Chrome/").doesNotContain("Headless"));
    assertThat(page.responses())
        .singleElement()
        .satisfies(
            json -> {
              assertThat(json.url()).isEqualTo(origin.url("/api/greeting.json"));
              assertThat(json.method()).isEqualTo("GET");
              assertThat(json.pageType()).isNull();
              assertThat(json.bodyText()).contains("rendered by script");
            });
  }

  @Test
  void aTiktokProfileBuiltByScriptParsesIntoItsProfileRecord() {
    RenderedPage page =
        fetcher.render(
            origin.url("/@hanbit.dance"),
            "job-tiktok",
            "tiktok.web.profile",
            "script#__UNIVERSAL_DATA_FOR_REHYDRATION__");

    assertThat(page.settled()).isTrue();
    Capture document = page.document();
    assertThat(document.pageType()).isEqualTo("tiktok.web.profile");
    ParseResult result =
        ParserRegistry.defaults()
            .recognize(document)
            .orElseThrow()
            .parse(document, new ParseContext(Route.BROWSER, "job-tiktok", document.fetchedAt()));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).records())
        .singleElement()
        .isInstanceOfSatisfying(
            ProfileRecord.class,
            profile -> {
              assertThat(profile.handle()).isEqualTo("hanbit.dance");
              assertThat(profile.displayName()).isEqualTo("한빛 댄스 💃");
              assertThat(profile.followers()).isEqualTo(1_203_456L);
              assertThat(profile.source().route()).isEqualTo(Route.BROWSER);
            });
    // The user-detail JSON the page fetched is kept too, without the token in its URL.
    assertThat(page.responses())
        .singleElement()
        .satisfies(
            json -> {
              assertThat(json.url())
                  .isEqualTo(origin.url("/api/user/detail/?uniqueId=hanbit.dance"));
              assertThat(json.bodyText()).contains("\"uniqueId\":\"hanbit.dance\"");
            });
    assertThat(origin.requestedPaths()).anyMatch(p -> p.contains("token=secret-123"));
  }

  @Test
  void imagesAndFontsAreBlockedBeforeTheyLeaveTheBrowser() {
    RenderedPage page = fetcher.render(origin.url("/media"), null, null, "#done");

    assertThat(page.document().bodyText()).contains("image:blocked font:blocked");
    assertThat(origin.requested("/static/page.css")).as("stylesheets still load").isTrue();
    assertThat(origin.requested("/static/avatar.png")).isFalse();
    assertThat(origin.requested("/static/brand.woff2")).isFalse();
  }

  @Test
  void aPageWhoseServerNeverAnswersTimesOutAndTheNextPageRenders() {
    long failuresBefore = directFailures();

    assertThatThrownBy(() -> fetcher.render(origin.url("/hang?token=secret-9"), null, null))
        .isInstanceOfSatisfying(
            TransientFetchException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).contains("no page within 5 s").doesNotContain("secret-9");
            });
    assertThat(directFailures()).as("the lease went back timed out").isGreaterThan(failuresBefore);

    assertThat(fetcher.render(origin.url("/plain"), null, null).document().bodyText())
        .contains("rendered by script");
  }

  @Test
  void aScriptThatHangsTheBrowserGetsItKilledAndTheNextPageRendersInANewOne() {
    long failuresBefore = directFailures();

    assertThatThrownBy(() -> fetcher.render(origin.url("/busy"), null, null))
        .isInstanceOfSatisfying(
            TransientFetchException.class,
            e -> assertThat(e.getMessage()).contains("browser hung"));
    assertThat(directFailures()).isGreaterThan(failuresBefore);

    assertThat(fetcher.render(origin.url("/plain"), null, null).document().bodyText())
        .contains("rendered by script");
  }

  @Test
  void aJobKeepsItsCookiesForItsPagesNoOtherJobSeesThemAndContextsAreRecycled() {
    assertThat(visits("job-a")).isEqualTo("visits:1");
    assertThat(visits("job-b")).as("another job, another context").isEqualTo("visits:1");
    assertThat(visits("job-a")).as("the same context, its cookie kept").isEqualTo("visits:2");
    assertThat(visits("job-a")).as("a new context after 2 pages").isEqualTo("visits:1");
  }

  @Test
  void pagesRequestedAtOnceFromManyThreadsAllRender() throws Exception {
    try (ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<RenderedPage>> pages = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String session = i % 2 == 0 ? null : "job-" + i;
        pages.add(jobs.submit(() -> fetcher.render(origin.url("/plain"), session, null)));
      }
      for (Future<RenderedPage> page : pages) {
        assertThat(page.get().document().bodyText()).contains("rendered by script");
      }
    }
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedClearly() {
    assertThatThrownBy(() -> fetcher.render("file:///etc/passwd", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http(s) URL");
  }

  private static String visits(String session) {
    String html =
        fetcher.render(origin.url("/counter"), session, null, "#visits").document().bodyText();
    String open = "<p id=\"visits\">";
    int at = html.indexOf(open) + open.length();
    return html.substring(at, html.indexOf('<', at));
  }

  /** Leases of the direct route released timed out or failed to connect, so far. */
  private static long directFailures() {
    return pool.stats().stream()
        .filter(s -> s.proxyId().equals("direct"))
        .mapToLong(ProxyStats::failures)
        .sum();
  }
}
