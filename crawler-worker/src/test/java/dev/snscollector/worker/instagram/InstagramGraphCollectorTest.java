package dev.snscollector.worker.instagram;

import static dev.snscollector.worker.instagram.InstagramTestSupport.CAPTURED;
import static dev.snscollector.worker.instagram.InstagramTestSupport.answer;
import static dev.snscollector.worker.instagram.InstagramTestSupport.assertNoToken;
import static dev.snscollector.worker.instagram.InstagramTestSupport.assertSameRecords;
import static dev.snscollector.worker.instagram.InstagramTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.budget.GraphUsageGovernor;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instagram through the Graph API with a creator's token, against the fixture origin. */
class InstagramGraphCollectorTest {
  static final String IG_USER = "17841400000000101";
  static final String TOKEN = "EAAGcreatorTOKENforInstagramTest";
  static final String MEDIA_LIST = InstagramGraphClient.MEDIA_LIST;
  static final String GRAPH_PATH = "/v21.0/";

  private static final List<FixtureOrigin.Request> SEEN = new CopyOnWriteArrayList<>();
  private static final AtomicReference<FixtureOrigin.Interceptor> ANSWER =
      new AtomicReference<>(r -> Optional.empty());
  private static final MutableClock CLOCK = new MutableClock(CAPTURED);
  private static TokenSealer sealer;
  private static FixtureOrigin origin;
  private static InstagramGraphClient api;

  @BeforeAll
  static void start() {
    origin =
        FixtureOrigin.builder(InstagramTestSupport.STORE)
            .interceptor(
                r -> {
                  SEEN.add(r);
                  return ANSWER.get().intercept(r);
                })
            .build()
            .start();
    api =
        new InstagramGraphClient(
            new HttpFetcher(HttpFetcher.newClient(4), CLOCK, WorkerRuntime.MAX_BODY_BYTES),
            origin.baseUrl() + "/graph.facebook.com/v21.0");
    byte[] key = new byte[32];
    key[0] = 7;
    sealer = new TokenSealer(new KeyRing(Map.of("k1", key), "k1"));
  }

  @AfterAll
  static void stop() {
    origin.close();
  }

  @BeforeEach
  void reset() {
    SEEN.clear();
    ANSWER.set(r -> Optional.empty());
    CLOCK.set(CAPTURED);
  }

  static InstagramGraphCollector collector(int pageSize) {
    return new InstagramGraphCollector(
        api,
        ParserRegistry.defaults(),
        sealer,
        new GraphUsageGovernor(75, Duration.ofSeconds(2), CLOCK),
        Pacer.SLEEP,
        pageSize,
        CLOCK);
  }

  static JobMessage job(JobKind kind, String target, JobMessage.JobOptions options) {
    return new JobMessage(
        1,
        "ig-" + kind.wireName(),
        Platform.INSTAGRAM,
        kind,
        target,
        new JobMessage.Account(IG_USER, sealer.seal(TOKEN, Platform.INSTAGRAM, IG_USER)),
        options,
        null,
        Map.of());
  }

  static JobMessage job(JobKind kind, String target) {
    return job(kind, target, JobMessage.JobOptions.DEFAULTS);
  }

  /** Answers requests for one Graph path with a fixture case. */
  static void serve(String path, String pageType, String caseName, Map<String, String> headers) {
    FixtureOrigin.Response response = answer(fixture(pageType, caseName), headers);
    ANSWER.set(
        r ->
            r.host().equals("graph.facebook.com") && r.path().equals(path)
                ? Optional.of(response)
                : Optional.empty());
  }

  static List<NormalizedRecord> expected(String pageType, String... cases) {
    return Stream.of(cases).flatMap(c -> fixture(pageType, c).expected().stream()).toList();
  }

  static List<String> paths() {
    return SEEN.stream()
        .map(r -> r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()))
        .toList();
  }

  /** A morning on the Pacific day 2026-03-02: the insight window is 2026-02-23 to 03-01. */
  static final Instant INSIGHTS_MORNING = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void insightsReadTheDailySeriesTheWindowsTotalsAndTheAudienceAsMetricRecords() {
    CLOCK.set(INSIGHTS_MORNING);
    Collection c = collector(3).collect(job(JobKind.INSIGHTS, IG_USER));

    assertThat(c.outcome()).as(String.valueOf(c.detail())).isEqualTo(Outcome.OK);
    assertSameRecords(
        c,
        origin.baseUrl(),
        expected(
            "instagram.graph.user_insights",
            "day-series-window",
            "window-totals",
            "follower-demographics-age-gender"));
    assertThat(paths())
        .containsExactly(
            GRAPH_PATH
                + IG_USER
                + "/insights?metric=reach,follower_count&period=day&since=1771833600"
                + "&until=1772438400",
            GRAPH_PATH
                + IG_USER
                + "/insights?metric=views,profile_views,accounts_engaged,total_interactions"
                + "&metric_type=total_value&period=day&since=1771833600&until=1772438400",
            GRAPH_PATH
                + IG_USER
                + "/insights?metric=follower_demographics&period=lifetime&metric_type=total_value"
                + "&breakdown=age,gender");
    assertNoToken(c, TOKEN);
  }

  @Test
  void anAudienceMetaDoesNotShowLeavesTheInsightsJobOkWithTheOtherFigures() {
    CLOCK.set(INSIGHTS_MORNING);
    FixtureOrigin.Response refused =
        answer(fixture("instagram.graph.user_insights", "too-few-followers"), Map.of());
    ANSWER.set(
        r ->
            String.valueOf(r.rawQuery()).contains("follower_demographics")
                ? Optional.of(refused)
                : Optional.empty());
    Collection c = collector(3).collect(job(JobKind.INSIGHTS, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(
        c,
        origin.baseUrl(),
        expected("instagram.graph.user_insights", "day-series-window", "window-totals"));
    // the refusal is kept with the job's captures, as every document the job read
    assertThat(c.captures()).hasSize(3);
    assertThat(c.captures().getLast().status()).isEqualTo(400);
  }

  @Test
  void anInsightsJobSinceYesterdayAsksForOneDay() {
    CLOCK.set(INSIGHTS_MORNING);
    collector(3)
        .collect(
            job(
                JobKind.INSIGHTS,
                IG_USER,
                new JobMessage.JobOptions(null, Instant.parse("2026-03-01T20:00:00Z"), List.of())));
    // 2026-03-01 00:00 to 2026-03-02 00:00 in California
    assertThat(paths().getFirst()).endsWith("&since=1772352000&until=1772438400");
  }

  @Test
  void aProfileIsTheCreatorsUserNodeReadWithTheTokenInTheHeaderOnly() {
    serve(GRAPH_PATH + IG_USER, "instagram.graph.user", "seoul-cafe-diary", Map.of());
    Collection c = collector(3).collect(job(JobKind.PROFILE, "seoul.cafe.diary"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(c, origin.baseUrl(), expected("instagram.graph.user", "seoul-cafe-diary"));
    assertThat(c.records()).allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.API));
    assertThat(c.routes()).extracting(RouteAttempt::route).containsExactly(Route.API);
    assertThat(SEEN)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN);
              assertThat(r.rawQuery()).doesNotContain("access_token").doesNotContain(TOKEN);
            });
    assertNoToken(c, TOKEN);
  }

  @Test
  void postsPageTheMediaEdgeByItsAfterCursorUntilThePageWithoutNext() {
    Collection c = collector(3).collect(job(JobKind.POSTS, "seoul.cafe.diary"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(
        c, origin.baseUrl(), expected(MEDIA_LIST, "seoul-cafe-page-1", "seoul-cafe-page-2-last"));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(1).key().param("after")).isEqualTo("QVFIUmFmdGVyMDE");
    assertNoToken(c, TOKEN);
  }

  @Test
  void anEmptyLastPageAfterANextLinkEndsTheWalk() {
    Collection c = collector(2).collect(job(JobKind.POSTS, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .hasSize(4)
        .doesNotHaveDuplicates();
    assertThat(SEEN).hasSize(3);
  }

  @Test
  void maxItemsAndSinceStopTheWalkBeforeTheNextPage() {
    Collection max =
        collector(3)
            .collect(
                job(
                    JobKind.POSTS,
                    "seoul.cafe.diary",
                    new JobMessage.JobOptions(2, null, List.of())));
    assertThat(max.records()).hasSize(2);
    assertThat(SEEN).hasSize(1);
    assertThat(SEEN.getFirst().key().param("limit")).isEqualTo("2");

    SEEN.clear();
    Instant since = Instant.parse("2026-02-25T00:00:00Z");
    Collection recent =
        collector(3)
            .collect(
                job(
                    JobKind.POSTS,
                    "seoul.cafe.diary",
                    new JobMessage.JobOptions(null, since, List.of())));
    assertThat(recent.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("18034567890123401", "18034567890123402");
    assertThat(SEEN).as("page 1 already reached before since").hasSize(1);
  }

  @Test
  void aPostIsFoundByItsShortcodeThenReadWithItsInsights() {
    Collection c =
        collector(3).collect(job(JobKind.POST, "https://www.instagram.com/reel/DAbCdEf1235/"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(paths())
        .containsExactly(
            "/v21.0/" + IG_USER + "/media?fields=id,permalink&limit=3",
            "/v21.0/18034567890123402?fields=" + InstagramGraphClient.MEDIA_NODE_FIELDS,
            "/v21.0/18034567890123402/insights?metric=" + InstagramGraphClient.INSIGHT_METRICS);
    PostRecord media =
        (PostRecord) fixture("instagram.graph.media", "reel-with-owner").expected().getFirst();
    PostRecord insights =
        (PostRecord) fixture("instagram.graph.media_insights", "v18-reel").expected().getFirst();
    assertSameRecords(
        c, origin.baseUrl(), List.of(InstagramGraphCollector.withInsights(media, insights)));
    PostRecord post = (PostRecord) c.records().getFirst();
    assertThat(post.views()).isEqualTo(152_340L);
    assertThat(post.saves()).isEqualTo(1_204L);
    assertThat(post.shares()).isEqualTo(688L);
    assertThat(post.likes()).isEqualTo(media.likes());
    assertThat(post.ownerId()).isEqualTo(IG_USER);
    // The media node said views, shares and saves are not in its page type; the insights had them.
    assertThat(media.unavailable()).containsKeys("views", "shares", "saves");
    assertThat(post.unavailable()).isEmpty();
    assertNoToken(c, TOKEN);
  }

  @Test
  void aPostWhoseInsightsAreRefusedIsStillThePost() {
    Collection c = collector(3).collect(job(JobKind.POST, "DAbCdEf1237"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(SEEN).as("two search pages, the media node, its insights").hasSize(4);
    assertSameRecords(
        c, origin.baseUrl(), fixture("instagram.graph.media", "image-without-caption").expected());
    PostRecord post = (PostRecord) c.records().getFirst();
    assertThat(post.source().url())
        .endsWith("/v21.0/18034567890123404?fields=" + InstagramGraphClient.MEDIA_NODE_FIELDS);
    // Without its insights the post still says why it has no views, shares or saves.
    assertThat(post.unavailable())
        .containsOnlyKeys("views", "shares", "saves")
        .containsValue(Unavailable.NOT_IN_PAGE_TYPE);
  }

  @Test
  void aPostThatIsNotTheCreatorsIsLeftToTheNextRoute() {
    Collection c = collector(3).collect(job(JobKind.POST, "CK1JqHqFVOy"));

    assertThat(c.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(c.detail()).contains("CK1JqHqFVOy").contains("creator's");
    assertThat(SEEN).hasSize(2);
  }

  @Test
  void commentsAreFoundByTheirPostAndPagedWithTheirReplies() {
    Collection c = collector(3).collect(job(JobKind.COMMENTS, "DAbCdEf1234"));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertSameRecords(
        c,
        origin.baseUrl(),
        expected(
            InstagramGraphClient.COMMENTS,
            "korean-comments-with-replies",
            "korean-comments-page-2-last"));
    assertThat(SEEN).hasSize(3);
    assertNoToken(c, TOKEN);
  }

  @Test
  void maxItemsCountsTopLevelCommentsAndKeepsTheirReplies() {
    Collection c =
        collector(3)
            .collect(
                job(
                    JobKind.COMMENTS,
                    "DAbCdEf1234",
                    new JobMessage.JobOptions(1, null, List.of())));

    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("17990000000000501", "17990000000000502", "17990000000000503");
    assertThat(SEEN).as("the search page and one page of comments").hasSize(2);
  }

  @Test
  void anExpiredTokenIsTokenInvalid() {
    serve(GRAPH_PATH + IG_USER, "instagram.graph.user", "token-expired", Map.of());
    Collection c = collector(3).collect(job(JobKind.PROFILE, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(c.detail()).contains("190");
    assertNoToken(c, TOKEN);
    assertThat(c.detail()).doesNotContain(TOKEN);
  }

  @Test
  void anHttp401IsTokenInvalid() {
    ANSWER.set(r -> Optional.of(FixtureOrigin.Response.json(401, "{}")));
    Collection c = collector(3).collect(job(JobKind.POSTS, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(c.routes()).singleElement().satisfies(a -> assertThat(a.fetches()).isEqualTo(1));
  }

  @Test
  void aTransientGraphErrorSendsTheJobBackForARetry() {
    ANSWER.set(
        r ->
            Optional.of(
                FixtureOrigin.Response.json(
                    400,
                    "{\"error\":{\"message\":\"An unexpected error has occurred.\","
                        + "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}")));

    assertThatThrownBy(() -> collector(3).collect(job(JobKind.PROFILE, IG_USER)))
        .isInstanceOf(TransientFetchException.class)
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aSealedTokenThatDoesNotOpenIsTokenInvalidWithoutACall() {
    JobMessage job = job(JobKind.PROFILE, IG_USER);
    JobMessage tampered =
        new JobMessage(
            1,
            job.jobId(),
            job.platform(),
            job.kind(),
            job.target(),
            new JobMessage.Account(
                IG_USER, sealer.seal(TOKEN, Platform.INSTAGRAM, "17841400000000202")),
            job.options(),
            null,
            Map.of());
    Collection c = collector(3).collect(tampered);

    assertThat(c.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(c.detail()).startsWith("sealed token refused");
    assertThat(SEEN).isEmpty();
  }

  @Test
  void aRateLimitAnswerWaitsAsTheBusinessUsageHeaderSays() {
    serve(
        GRAPH_PATH + IG_USER,
        "instagram.graph.user",
        "app-rate-limited",
        Map.of(
            "x-business-use-case-usage",
            "{\""
                + IG_USER
                + "\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":12,"
                + "\"total_time\":15,\"estimated_time_to_regain_access\":7}]}"));
    Collection c = collector(3).collect(job(JobKind.PROFILE, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.retryAfterSeconds()).isEqualTo(7 * 60L));
  }

  @Test
  void aRateLimitAnswerWithRetryAfterWaitsThatLong() {
    serve(
        GRAPH_PATH + IG_USER,
        "instagram.graph.user",
        "app-rate-limited",
        Map.of("retry-after", "120"));
    Collection c = collector(3).collect(job(JobKind.PROFILE, IG_USER));

    assertThat(c.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(c.routes().getFirst().retryAfterSeconds()).isEqualTo(120L);
  }

  @Test
  void theRouteServesOnlyJobsWithTheCreatorsOwnAccount() {
    InstagramGraphCollector graph = collector(3);
    assertThat(graph.unavailableFor(JobMessage.of("n", Platform.INSTAGRAM, JobKind.PROFILE, "x.y")))
        .isEqualTo("the Graph API needs the creator's account");
    assertThat(graph.unavailableFor(job(JobKind.PROFILE, "17841400000000202")))
        .contains("only the creator's own account");
    assertThat(graph.unavailableFor(job(JobKind.POSTS, "seoul.cafe.diary"))).isNull();
    InstagramGraphCollector noKeys =
        new InstagramGraphCollector(
            api,
            ParserRegistry.defaults(),
            null,
            new GraphUsageGovernor(75, Duration.ofSeconds(2), CLOCK),
            Pacer.SLEEP,
            3,
            CLOCK);
    assertThat(noKeys.unavailableFor(job(JobKind.PROFILE, IG_USER)))
        .startsWith("the Graph API needs the creator's account");
  }

  @Test
  void noCaptureOrRequestUrlEverCarriesTheToken() {
    List<Collection> all = new ArrayList<>();
    InstagramGraphCollector graph = collector(3);
    all.add(graph.collect(job(JobKind.POSTS, IG_USER)));
    all.add(graph.collect(job(JobKind.POST, "DAbCdEf1235")));
    all.add(graph.collect(job(JobKind.COMMENTS, "DAbCdEf1234")));
    all.forEach(c -> assertNoToken(c, TOKEN));
    assertThat(SEEN)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(String.valueOf(r.rawQuery())).doesNotContain(TOKEN));
  }
}
