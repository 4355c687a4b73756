package dev.snscollector.worker.instagram;

import static dev.snscollector.worker.instagram.InstagramTestSupport.CAPTURED;
import static dev.snscollector.worker.instagram.InstagramTestSupport.answer;
import static dev.snscollector.worker.instagram.InstagramTestSupport.contentFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.budget.GraphUsageGovernor;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Graph API usage at 90 %: the route slows down instead of hitting the limit", against
 * an origin whose Graph answers carry the usage headers Meta sends.
 */
class GraphUsageSlowdownTest {
  private static final String IG_USER = "17841400000000101";
  private static final String TOKEN = "EAAGcreatorTOKENforSlowdownTest";
  private static final int SLOW_FROM = 75;
  private static final Duration MAX_SPACING = Duration.ofSeconds(2);

  /** A pause the pacer was asked for, and how many Graph requests had been made by then. */
  record Pause(long requestsBefore, Duration length) {}

  private final MutableClock clock = new MutableClock(CAPTURED);
  private final List<Pause> pauses = new CopyOnWriteArrayList<>();
  private final AtomicReference<Map<String, String>> usage = new AtomicReference<>(Map.of());
  private FixtureOrigin origin;
  private TokenSealer sealer;
  private InstagramGraphCollector graph;

  @BeforeEach
  void start() {
    origin =
        FixtureOrigin.builder(InstagramTestSupport.STORE)
            .interceptor(
                r ->
                    r.host().equals("graph.facebook.com")
                        ? contentFor(r).map(c -> answer(c, usage.get()))
                        : Optional.empty())
            .build()
            .start();
    byte[] key = new byte[32];
    key[31] = 9;
    sealer = new TokenSealer(new KeyRing(Map.of("k1", key), "k1"));
    Pacer recording =
        wait -> {
          pauses.add(new Pause(origin.requestCount(), wait));
          clock.advance(wait); // as a sleep would
        };
    graph =
        new InstagramGraphCollector(
            new InstagramGraphClient(
                new HttpFetcher(HttpFetcher.newClient(4), clock, WorkerRuntime.MAX_BODY_BYTES),
                origin.baseUrl() + "/graph.facebook.com/v21.0"),
            ParserRegistry.defaults(),
            sealer,
            new GraphUsageGovernor(SLOW_FROM, MAX_SPACING, clock),
            recording,
            2,
            clock);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private JobMessage job(String id, JobKind kind) {
    return new JobMessage(
        1,
        id,
        Platform.INSTAGRAM,
        kind,
        IG_USER,
        new JobMessage.Account(IG_USER, sealer.seal(TOKEN, Platform.INSTAGRAM, IG_USER)),
        JobMessage.JobOptions.DEFAULTS,
        null,
        Map.of());
  }

  private static Map<String, String> appUsage(int callCount) {
    return Map.of(
        "x-app-usage", "{\"call_count\":" + callCount + ",\"total_cputime\":20,\"total_time\":30}");
  }

  @Test
  void graphApiUsageAt90PercentSlowsTheRouteDownInsteadOfHittingTheLimit() {
    usage.set(appUsage(90));
    Collection posts = graph.collect(job("slow-posts", JobKind.POSTS));

    assertThat(posts.outcome()).isEqualTo(Outcome.OK);
    assertThat(posts.records()).hasSize(4);
    assertThat(origin.requestCount()).as("three pages of two").isEqualTo(3);
    assertThat(pauses)
        .as("nothing slows the call before the first reading")
        .noneMatch(p -> p.requestsBefore() == 0);
    // 90 % is 15 of the 25 points between 75 % and the limit: 15/25 of the 2 s maximum spacing.
    Duration spacing = MAX_SPACING.multipliedBy(90 - SLOW_FROM).dividedBy(100 - SLOW_FROM);
    assertThat(pauses)
        .as("the calls after the 90 %% reading are spaced out")
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.length()).isEqualTo(spacing))
        .extracting(Pause::requestsBefore)
        .as("from the first call after the reading on")
        .containsExactly(1L, 2L);

    usage.set(appUsage(100));
    assertThat(graph.collect(job("at-limit", JobKind.PROFILE)).outcome())
        .as("the answer that reports 100 % still arrives")
        .isEqualTo(Outcome.OK);
    long requests = origin.requestCount();

    Collection refused = graph.collect(job("over-limit", JobKind.POSTS));

    assertThat(origin.requestCount()).as("no request at 100 %").isEqualTo(requests);
    assertThat(refused.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(refused.routes())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.fetches()).isZero();
              assertThat(a.retryAfterSeconds()).isPositive();
              assertThat(a.detail()).contains("100%");
            });
  }

  @Test
  void whileMetaSaysAccessIsToBeRegainedNoCallIsMadeForThatLong() {
    usage.set(
        Map.of(
            "x-business-use-case-usage",
            "{\""
                + IG_USER
                + "\":[{\"type\":\"instagram\",\"call_count\":96,\"total_cputime\":40,"
                + "\"total_time\":50,\"estimated_time_to_regain_access\":12}]}"));
    assertThat(graph.collect(job("throttled", JobKind.PROFILE)).outcome()).isEqualTo(Outcome.OK);
    long requests = origin.requestCount();

    clock.advance(Duration.ofMinutes(2));
    Collection refused = graph.collect(job("waits", JobKind.PROFILE));

    assertThat(origin.requestCount()).isEqualTo(requests);
    assertThat(refused.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(refused.routes())
        .extracting(RouteAttempt::retryAfterSeconds)
        .containsExactly(10 * 60L);

    clock.advance(Duration.ofMinutes(10));
    usage.set(Map.of());
    assertThat(graph.collect(job("regained", JobKind.PROFILE)).outcome()).isEqualTo(Outcome.OK);
    assertThat(origin.requestCount()).isEqualTo(requests + 1);
  }
}
