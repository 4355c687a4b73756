package dev.snscollector.worker.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.PausedScopes;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.StaticProxySource;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.budget.RequestWindow;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.route.PlannedCollector;
import dev.snscollector.worker.route.RouteBreakers;
import dev.snscollector.worker.route.RouteUnavailableException;
import dev.snscollector.worker.route.SiteUrls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TikTok Display API route against the fixture origin: the creator's token in the header and
 * nowhere else, video/list paged by its cursor, a revoked token falling back to the public page.
 *
 * <p>The origin keys requests on method, URL and query only, so two video/list POSTs that differ in
 * their body's cursor share one key; the interceptor answers a token's second video/list call with
 * the {@code page-2-last} case, and a recording OkHttp interceptor shows the cursor that was sent.
 */
class TiktokApiCollectorTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final String ACCOUNT = "-000OPENIDhanbitdance";
  private static final String REVOKED = "act.revoked.token-for-test-0002";
  private static final String LIMITED = "act.limited.token-for-test-0003";

  private static final ConcurrentLinkedQueue<FixtureOrigin.Request> SEEN =
      new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<String> SENT_BODIES = new ConcurrentLinkedQueue<>();
  private static final Map<String, AtomicInteger> VIDEO_LIST_CALLS = new ConcurrentHashMap<>();

  private static FixtureStore store;
  private static FixtureOrigin origin;
  private static TokenSealer sealer;
  private static CrawlFetcher crawl;
  private static TiktokApiCollector api;

  @BeforeAll
  static void start() {
    store = FixtureStore.load(FIXTURES);
    origin = FixtureOrigin.builder(store).interceptor(TiktokApiCollectorTest::answer).build();
    origin.start();
    byte[] key = new byte[32];
    key[0] = 7;
    sealer =
        new TokenSealer(
            KeyRing.fromEnvironment(
                    Map.of("TOKEN_KEYS", "k1:" + Base64.getEncoder().encodeToString(key)))
                .orElseThrow());
    Clock clock = Clock.systemUTC();
    OkHttpClient client =
        HttpFetcher.newClient(4).newBuilder().addInterceptor(new RecordingBodies()).build();
    api =
        new TiktokApiCollector(
            new TiktokApiClient(
                new HttpFetcher(client, clock, WorkerRuntime.MAX_BODY_BYTES),
                origin.baseUrl() + "/open.tiktokapis.com"),
            ParserRegistry.defaults(),
            sealer,
            new RequestWindow(600, Duration.ofMinutes(1), clock),
            wait -> {
              throw new AssertionError("no pause expected under 600 requests a minute: " + wait);
            },
            clock);
    crawl =
        new CrawlFetcher(
            new ProxyPool(
                new StaticProxySource(List.of()),
                ProxyPoolConfig.defaults()
                    .withAllowDirect(true)
                    .withPerDomainInterval(Duration.ZERO),
                clock),
            HttpFetcher.newClient(4),
            clock,
            WorkerRuntime.MAX_BODY_BYTES,
            SiteUrls.from(origin.baseUrl()));
  }

  @AfterAll
  static void stop() {
    crawl.close();
    origin.close();
  }

  /** Stands in for what the origin cannot key on: the token and the body's cursor. */
  private static Optional<FixtureOrigin.Response> answer(FixtureOrigin.Request r) {
    SEEN.add(r);
    String auth = r.headers().getOrDefault("authorization", "");
    if (auth.equals("Bearer " + REVOKED)) {
      return Optional.of(fixture("tiktok.api.user_info", "access-token-invalid", Map.of()));
    }
    if (r.key().path().equals("/v2/video/list")) {
      if (auth.equals("Bearer " + LIMITED)) {
        return Optional.of(
            fixture("tiktok.api.video_list", "rate-limited", Map.of("retry-after", "30")));
      }
      int call = VIDEO_LIST_CALLS.computeIfAbsent(auth, a -> new AtomicInteger()).incrementAndGet();
      if (call >= 2) {
        return Optional.of(fixture("tiktok.api.video_list", "page-2-last", Map.of()));
      }
    }
    return Optional.empty();
  }

  private static FixtureOrigin.Response fixture(
      String pageType, String name, Map<String, String> moreHeaders) {
    Capture c = store.find(pageType, name).orElseThrow().capture();
    Map<String, String> headers = new HashMap<>(moreHeaders);
    headers.put("content-type", FixtureOrigin.Response.JSON);
    return new FixtureOrigin.Response(c.status(), headers, c.body());
  }

  /** Records the JSON bodies the client sends: the cursor is in the body, not the URL. */
  private static final class RecordingBodies implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (request.body() != null) {
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        SENT_BODIES.add(buffer.readUtf8());
      }
      return chain.proceed(request);
    }
  }

  private static JobMessage job(String id, JobKind kind, String target, String token) {
    return new JobMessage(
        JobMessage.SCHEMA_VERSION,
        id,
        Platform.TIKTOK,
        kind,
        target,
        new JobMessage.Account(ACCOUNT, sealer.seal(token, Platform.TIKTOK, ACCOUNT)),
        JobMessage.JobOptions.DEFAULTS,
        null,
        Map.of());
  }

  private static String token(String name) {
    return "act.creator-token." + name;
  }

  private static List<NormalizedRecord> expected(String pageType, String name) {
    FixtureCase c = store.find(pageType, name).orElseThrow();
    return c.expected();
  }

  /** Neither the token nor any part of it is in a capture's URL, headers or body. */
  private static void assertNoToken(Collection c, String token) {
    for (Capture capture : c.captures()) {
      assertThat(capture.url()).doesNotContain(token).doesNotContain("Bearer");
      assertThat(capture.headers().toString()).doesNotContain(token);
      assertThat(capture.bodyText()).doesNotContain(token);
    }
    assertThat(String.valueOf(c.detail())).doesNotContain(token);
  }

  @Test
  void aProfileComesFromUserInfoWithTheCreatorsTokenInTheHeaderOnly() {
    SEEN.clear();
    String token = token("profile");
    Collection c = api.collect(job("tp1", JobKind.PROFILE, "@hanbit.dance", token));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactlyElementsOf(expected("tiktok.api.user_info", "full-fields-korean"));
    assertThat(c.records())
        .singleElement()
        .isInstanceOfSatisfying(
            ProfileRecord.class,
            p -> {
              assertThat(p.source().route()).isEqualTo(Route.API);
              assertThat(p.source().pageType()).isEqualTo(TiktokApiClient.USER_INFO);
            });
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.route()).isEqualTo(Route.API));
    FixtureOrigin.Request sent = SEEN.stream().reduce((a, b) -> b).orElseThrow();
    assertThat(sent.method()).isEqualTo("GET");
    assertThat(sent.path()).isEqualTo("/v2/user/info/");
    assertThat(sent.rawQuery()).isEqualTo("fields=" + TiktokApiClient.USER_FIELDS);
    assertThat(sent.headers()).containsEntry("authorization", "Bearer " + token);
    assertNoToken(c, token);
  }

  @Test
  void postsPageVideoListBySendingBackItsCursorUntilHasMoreEnds() {
    SEEN.clear();
    SENT_BODIES.clear();
    String token = token("posts");
    Collection c = api.collect(job("tp2", JobKind.POSTS, "@hanbit.dance", token));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("7345678901234567890", "7340000000000000777", "7330000000000000888");
    assertThat(c.records()).allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.API));
    assertThat(SEEN)
        .extracting(FixtureOrigin.Request::method, FixtureOrigin.Request::path)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("POST", "/v2/video/list/"))
        .hasSize(2);
    assertThat(SEEN)
        .allSatisfy(
            r -> {
              assertThat(r.rawQuery()).isEqualTo("fields=" + TiktokApiClient.VIDEO_FIELDS);
              assertThat(r.headers()).containsEntry("authorization", "Bearer " + token);
              assertThat(r.headers().get("content-type")).startsWith("application/json");
            });
    assertThat(SENT_BODIES)
        .containsExactly("{\"max_count\":20}", "{\"max_count\":20,\"cursor\":1708000000000}");
    assertThat(c.captures()).hasSize(2);
    assertNoToken(c, token);
  }

  @Test
  void maxItemsAsksForNoMoreAndStopsBeforeTheNextPage() {
    SENT_BODIES.clear();
    JobMessage job =
        job("tp3", JobKind.POSTS, "@hanbit.dance", token("max"))
            .withOptions(new JobMessage.JobOptions(1, null, List.of()));
    Collection c = api.collect(job);

    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("7345678901234567890");
    assertThat(SENT_BODIES).containsExactly("{\"max_count\":1}");
  }

  @Test
  void sinceDropsOlderVideosAndEndsTheWalkAtTheFirstOlderPage() {
    SENT_BODIES.clear();
    JobMessage job =
        job("tp4", JobKind.POSTS, "@hanbit.dance", token("since"))
            .withOptions(
                new JobMessage.JobOptions(null, Instant.parse("2024-02-20T00:00:00Z"), List.of()));
    Collection c = api.collect(job);

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .extracting(NormalizedRecord::platformId)
        .containsExactly("7345678901234567890");
    assertThat(SENT_BODIES).hasSize(1);
  }

  @Test
  void aPostReadsVideoQueryForItsIdAndKeepsOnlyThatVideo() {
    SENT_BODIES.clear();
    String token = token("post");
    Collection c = api.collect(job("tp5", JobKind.POST, "7300000000000000123", token));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "observedAt")
        .containsExactly(expected("tiktok.api.video_query", "two-videos-by-id").getFirst());
    assertThat(SENT_BODIES)
        .containsExactly("{\"filters\":{\"video_ids\":[\"7300000000000000123\"]}}");
    assertNoToken(c, token);

    Collection other = api.collect(job("tp6", JobKind.POST, "7399999999999999999", token));
    assertThat(other.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(other.detail()).contains("7399999999999999999");
  }

  @Test
  void aRevokedTokenIsTokenInvalidAndNeverRecorded() {
    Collection c = api.collect(job("tp7", JobKind.PROFILE, "@hanbit.dance", REVOKED));

    assertThat(c.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(c.detail()).contains("access_token_invalid");
    assertThat(c.records()).isEmpty();
    assertThat(c.captures()).singleElement().satisfies(x -> assertThat(x.status()).isEqualTo(401));
    assertNoToken(c, REVOKED);
  }

  @Test
  void aSealedTokenBoundToAnotherAccountIsTokenInvalidWithoutACall() {
    long before = origin.requestCount();
    JobMessage job = job("tp8", JobKind.PROFILE, "@hanbit.dance", token("misbound"));
    JobMessage misbound =
        new JobMessage(
            job.schemaVersion(),
            job.jobId(),
            job.platform(),
            job.kind(),
            job.target(),
            new JobMessage.Account("someone-else", job.account().sealedToken()),
            job.options(),
            null,
            Map.of());
    Collection c = api.collect(misbound);

    assertThat(c.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(c.detail()).startsWith("sealed token refused");
    assertThat(c.captures()).isEmpty();
    assertThat(origin.requestCount()).isEqualTo(before);
  }

  @Test
  void rateLimitExceededIsRateLimitedWithTheRetryAfterTheApiSent() {
    Collection c = api.collect(job("tp9", JobKind.POSTS, "@hanbit.dance", LIMITED));

    assertThat(c.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(c.detail()).contains("rate_limit_exceeded");
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.retryAfterSeconds()).isEqualTo(30L));
    assertNoToken(c, LIMITED);
  }

  @Test
  void withoutTheCreatorsAccountOrForCommentsTheRouteIsSkipped() {
    assertThat(
            api.unavailableFor(
                JobMessage.of("tp10", Platform.TIKTOK, JobKind.PROFILE, "@hanbit.dance")))
        .isEqualTo("the TikTok API needs the creator's account");
    assertThat(
            api.unavailableFor(
                job("tp11", JobKind.COMMENTS, "7300000000000000123", token("comments"))))
        .contains("no comments");
    assertThat(api.unavailableFor(job("tp12", JobKind.POSTS, "@hanbit.dance", token("x"))))
        .isNull();
  }

  @Test
  void aRevokedTokenFallsBackToTheProfilePageWhichNamesTheCrawlRoute() {
    PlannedCollector plan =
        new PlannedCollector(
            List.of(
                api, new TiktokWebCollector(crawl, ParserRegistry.defaults(), Clock.systemUTC())));
    Collection c = plan.collect(job("tp13", JobKind.PROFILE, "@hanbit.dance", REVOKED));

    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.routes())
        .extracting(a -> a.route(), a -> a.outcome())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Route.API, Outcome.TOKEN_INVALID),
            org.assertj.core.groups.Tuple.tuple(Route.CRAWL, Outcome.OK));
    assertThat(c.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.source().route()).isEqualTo(Route.CRAWL);
              assertThat(r.platformId()).isEqualTo("7102938475610293847");
            });
    assertNoToken(c, REVOKED);
  }

  @Test
  void aPausedFallbackHoldsTheJobItsApiCouldNotFinishAndLetsTheOthersEnd() {
    PlannedCollector plan =
        new PlannedCollector(
            List.of(
                api, new TiktokWebCollector(crawl, ParserRegistry.defaults(), Clock.systemUTC())),
            new RouteBreakers(RouteBreakers.Settings.DEFAULTS),
            () -> new PausedScopes(Set.of("tiktok.crawl")),
            Duration.ofSeconds(7));
    // The API refuses the token; the crawl would have answered, but it is paused: the job waits.
    assertThatThrownBy(() -> plan.collect(job("tp14", JobKind.PROFILE, "@hanbit.dance", REVOKED)))
        .isInstanceOfSatisfying(
            RouteUnavailableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("paused");
              assertThat(e.waitHint()).isEqualTo(Duration.ofSeconds(7));
              assertThat(e.getMessage()).contains("token_invalid").contains("tiktok.crawl");
            });
    // The API answers for good: the paused crawl changes nothing.
    Collection ok = plan.collect(job("tp15", JobKind.PROFILE, "@hanbit.dance", token("profile")));
    assertThat(ok.outcome()).isEqualTo(Outcome.OK);
    assertThat(ok.routes()).extracting(a -> a.route()).containsExactly(Route.API);
    // The whole platform paused: nothing is tried.
    PlannedCollector all =
        new PlannedCollector(
            List.of(api),
            new RouteBreakers(RouteBreakers.Settings.DEFAULTS),
            () -> new PausedScopes(Set.of("tiktok")),
            Duration.ofSeconds(7));
    assertThatThrownBy(
            () -> all.collect(job("tp16", JobKind.PROFILE, "@hanbit.dance", token("profile"))))
        .isInstanceOfSatisfying(
            RouteUnavailableException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("every route that can serve this job is paused"));
  }
}
