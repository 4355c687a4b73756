package dev.snscollector.worker.instagram;

import static dev.snscollector.worker.instagram.InstagramTestSupport.answer;
import static dev.snscollector.worker.instagram.InstagramTestSupport.assertSameRecords;
import static dev.snscollector.worker.instagram.InstagramTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.testing.DirectCrawl;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instagram's public web endpoints over the crawl route, against the fixture origin. */
class InstagramWebCollectorTest {
  private static final String PROFILE_INFO = InstagramWebCollector.PROFILE_INFO;
  private static final String PROFILE_PAGE = InstagramWebCollector.PROFILE_PAGE;
  private static final String MEDIA_INFO = InstagramWebCollector.MEDIA_INFO;
  private static final String POST_PAGE = InstagramWebCollector.POST_PAGE;
  private static final String INFO_PATH = "/api/v1/users/web_profile_info/";

  private static final List<FixtureOrigin.Request> SEEN = new CopyOnWriteArrayList<>();

  /** Answers by host and path, set per test. */
  private static final Map<String, FixtureOrigin.Response> ANSWERS = new HashMap<>();

  private static FixtureOrigin origin;
  private static CrawlFetcher crawl;
  private static InstagramWebCollector collector;

  @BeforeAll
  static void start() {
    origin =
        FixtureOrigin.builder(InstagramTestSupport.STORE)
            .interceptor(
                r -> {
                  SEEN.add(r);
                  synchronized (ANSWERS) {
                    return Optional.ofNullable(ANSWERS.get(r.host() + r.path()));
                  }
                })
            .build()
            .start();
    Clock clock = Clock.systemUTC();
    ProxyPool direct = DirectCrawl.pool(clock);
    crawl = DirectCrawl.through(direct, origin, clock);
    collector = new InstagramWebCollector(crawl, ParserRegistry.defaults(), clock);
  }

  @AfterAll
  static void stop() {
    crawl.close();
    origin.close();
  }

  @BeforeEach
  void reset() {
    SEEN.clear();
    synchronized (ANSWERS) {
      ANSWERS.clear();
    }
  }

  private static void serve(String hostAndPath, FixtureOrigin.Response response) {
    synchronized (ANSWERS) {
      ANSWERS.put(hostAndPath, response);
    }
  }

  private static void serve(String hostAndPath, String pageType, String caseName) {
    serve(hostAndPath, answer(fixture(pageType, caseName), Map.of()));
  }

  private static JobMessage job(JobKind kind, String target) {
    return JobMessage.of("web-" + kind.wireName(), Platform.INSTAGRAM, kind, target);
  }

  private static JobMessage job(JobKind kind, String target, JobMessage.JobOptions options) {
    return job(kind, target).withOptions(options);
  }

  /** The shortcode of a media id (the inverse of {@link InstagramShortcodes#mediaId}). */
  private static String shortcode(long mediaId) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder code = new StringBuilder();
    for (long id = mediaId; id > 0; id >>>= 6) {
      code.insert(0, alphabet.charAt((int) (id & 63)));
    }
    return code.toString();
  }

  @Test
  void aProfileComesFromWebProfileInfoAskedForAsTheSitesOwnAppAsksForIt() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "seoul-cafe-public");
    Collection c = collector.collect(job(JobKind.PROFILE, "@seoul.cafe.diary"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(
        c,
        origin.baseUrl(),
        fixture(PROFILE_INFO, "seoul-cafe-public").expected().stream()
            .filter(ProfileRecord.class::isInstance)
            .toList());
    assertThat(c.records()).allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.CRAWL));
    assertThat(SEEN)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rawQuery()).isEqualTo("username=seoul.cafe.diary");
              assertThat(r.headers())
                  .containsEntry("x-ig-app-id", "936619743392459")
                  .containsEntry("x-requested-with", "XMLHttpRequest")
                  .containsEntry("accept", "application/json");
            });
  }

  @Test
  void aCheckpointOnWebProfileInfoFallsBackToTheProfilePage() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "checkpoint-required");
    serve("www.instagram.com/seoul.cafe.diary/", PROFILE_PAGE, "english-shell");
    Collection c =
        collector.collect(job(JobKind.PROFILE, "https://www.instagram.com/seoul.cafe.diary/"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(c, origin.baseUrl(), fixture(PROFILE_PAGE, "english-shell").expected());
    assertThat(c.captures())
        .extracting(dev.snscollector.capture.Capture::pageType)
        .containsExactly(PROFILE_INFO, PROFILE_PAGE);
    assertThat(c.routes()).singleElement().satisfies(a -> assertThat(a.fetches()).isEqualTo(2));
  }

  @Test
  void postsAreTheFirstTwelveOfWebProfileInfoWithTheProfile() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "seoul-cafe-public");
    Collection c = collector.collect(job(JobKind.POSTS, "seoul.cafe.diary"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(c, origin.baseUrl(), fixture(PROFILE_INFO, "seoul-cafe-public").expected());
    assertThat(c.records()).filteredOn(PostRecord.class::isInstance).hasSize(3);
  }

  @Test
  void maxItemsAndSinceTrimThePosts() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "seoul-cafe-public");
    List<NormalizedRecord> all = fixture(PROFILE_INFO, "seoul-cafe-public").expected();
    Collection two =
        collector.collect(
            job(JobKind.POSTS, "seoul.cafe.diary", new JobMessage.JobOptions(1, null, List.of())));
    assertThat(two.records()).filteredOn(PostRecord.class::isInstance).hasSize(1);
    assertThat(two.records()).filteredOn(ProfileRecord.class::isInstance).hasSize(1);

    Instant newest =
        all.stream()
            .filter(PostRecord.class::isInstance)
            .map(r -> ((PostRecord) r).publishedAt())
            .max(Instant::compareTo)
            .orElseThrow();
    Collection recent =
        collector.collect(
            job(
                JobKind.POSTS,
                "seoul.cafe.diary",
                new JobMessage.JobOptions(null, newest, List.of())));
    assertThat(recent.records())
        .filteredOn(PostRecord.class::isInstance)
        .singleElement()
        .satisfies(p -> assertThat(((PostRecord) p).publishedAt()).isEqualTo(newest));
  }

  @Test
  void aPrivateAccountHasAProfileButNoPublicPosts() {
    Collection posts = collector.collect(job(JobKind.POSTS, "moonlight.sketch"));
    assertThat(posts.outcome()).isEqualTo(Outcome.PRIVATE);
    assertThat(posts.records()).isEmpty();

    Collection profile = collector.collect(job(JobKind.PROFILE, "moonlight.sketch"));
    assertThat(profile.outcome()).isEqualTo(Outcome.OK);
    assertThat(profile.records()).singleElement().isInstanceOf(ProfileRecord.class);
  }

  @Test
  void anUnknownHandleIsNotFoundWithoutTryingThePage() {
    Collection c = collector.collect(job(JobKind.PROFILE, "no.such.handle.kr"));
    assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void aPostIsTheMediaInfoOfTheIdItsShortcodeEncodes() {
    Collection c =
        collector.collect(
            job(
                JobKind.POST,
                "https://www.instagram.com/p/" + shortcode(3561234567890123403L) + "/"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(c, origin.baseUrl(), fixture(MEDIA_INFO, "carousel-two-images").expected());
    assertThat(SEEN)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/api/v1/media/3561234567890123403/info/");
              assertThat(r.headers()).containsEntry("x-ig-app-id", "936619743392459");
            });

    Collection reel = collector.collect(job(JobKind.POST, shortcode(3561234567890123402L)));
    assertSameRecords(reel, origin.baseUrl(), fixture(MEDIA_INFO, "reel-with-plays").expected());
  }

  @Test
  void aLoginWallOnMediaInfoFallsBackToThePostPageAndItsMetaDescription() {
    // DFsC_ik7rqL is the shortcode of media 3561234567890123403.
    serve("i.instagram.com/api/v1/media/3561234567890123403/info/", MEDIA_INFO, "login-required");
    serve("www.instagram.com/p/DFsC_ik7rqL/", POST_PAGE, "english-carousel");
    Collection c = collector.collect(job(JobKind.POST, "https://www.instagram.com/p/DFsC_ik7rqL/"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(c, origin.baseUrl(), fixture(POST_PAGE, "english-carousel").expected());
    assertThat(c.captures())
        .extracting(dev.snscollector.capture.Capture::pageType)
        .containsExactly(MEDIA_INFO, POST_PAGE);
    assertThat(SEEN)
        .extracting(r -> r.host() + r.path())
        .containsExactly(
            "i.instagram.com/api/v1/media/3561234567890123403/info/",
            "www.instagram.com/p/DFsC_ik7rqL/");
    PostRecord post = (PostRecord) c.records().getFirst();
    assertThat(post.platformId()).isEqualTo("3561234567890123403");
    assertThat(post.approximate()).contains("publishedAt");
  }

  @Test
  void aPostPageThatRedirectsToTheLoginIsALoginWall() {
    serve("i.instagram.com/api/v1/media/3561234567890123403/info/", MEDIA_INFO, "login-required");
    serve(
        "www.instagram.com/p/DFsC_ik7rqL/",
        new FixtureOrigin.Response(
            302,
            Map.of(
                "location", "https://www.instagram.com/accounts/login/?next=%2Fp%2FDFsC_ik7rqL%2F"),
            new byte[0]));
    Collection c = collector.collect(job(JobKind.POST, "DFsC_ik7rqL"));

    assertThat(c.outcome()).isEqualTo(Outcome.LOGIN_WALL);
    assertThat(c.records()).isEmpty();
    assertThat(SEEN).hasSize(2);
  }

  @Test
  void aMediaThatIsNotFoundIsNotLookedForOnThePostPage() {
    serve("i.instagram.com/api/v1/media/3561234567890123499/info/", MEDIA_INFO, "media-not-found");
    Collection c = collector.collect(job(JobKind.POST, shortcode(3561234567890123499L)));

    assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void aRedirectToTheLoginPageIsALoginWallEvenAfterTheFallback() {
    FixtureOrigin.Response toLogin =
        new FixtureOrigin.Response(
            302,
            Map.of(
                "location",
                "https://www.instagram.com/accounts/login/?next=%2Fseoul.cafe.diary%2F"),
            new byte[0]);
    serve("i.instagram.com" + INFO_PATH, toLogin);
    serve("www.instagram.com/seoul.cafe.diary/", toLogin);
    Collection c = collector.collect(job(JobKind.PROFILE, "seoul.cafe.diary"));

    assertThat(c.outcome()).isEqualTo(Outcome.LOGIN_WALL);
    assertThat(c.detail()).contains("Instagram login");
    assertThat(c.routes())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.route()).isEqualTo(Route.CRAWL);
              assertThat(a.fetches()).isEqualTo(2);
            });
    assertThat(SEEN).as("the login page itself is never fetched").hasSize(2);
  }

  @Test
  void theLoginPageServedInPlaceOfTheProfileIsALoginWall() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "checkpoint-required");
    serve("www.instagram.com/seoul.cafe.diary/", PROFILE_PAGE, "login-wall");
    Collection c = collector.collect(job(JobKind.PROFILE, "seoul.cafe.diary"));
    assertThat(c.outcome()).isEqualTo(Outcome.LOGIN_WALL);
    assertThat(c.records()).isEmpty();
  }

  @Test
  void throttlingIsRateLimitedAndNotRetriedOnThePage() {
    serve("i.instagram.com" + INFO_PATH, PROFILE_INFO, "throttled");
    Collection c = collector.collect(job(JobKind.PROFILE, "seoul.cafe.diary"));
    assertThat(c.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void commentsAndNumericIdsAreNotServedHere() {
    assertThat(collector.unavailableFor(job(JobKind.COMMENTS, "DAbCdEf1234")))
        .isEqualTo("Instagram comments need the Graph API");
    assertThat(collector.unavailableFor(job(JobKind.PROFILE, "17841400000000101")))
        .contains("handle");
    assertThat(collector.unavailableFor(job(JobKind.POST, "QAAAAAAAAAAAA"))).contains("1 to 11");
    assertThat(collector.unavailableFor(job(JobKind.POSTS, "seoul.cafe.diary"))).isNull();
  }
}
