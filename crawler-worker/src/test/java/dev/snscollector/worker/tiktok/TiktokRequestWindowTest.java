package dev.snscollector.worker.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.budget.RequestWindow;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TikTok API's request budget: a window of 2 requests a minute per endpoint and token, a clock
 * the test moves, and a pacer that records instead of sleeping.
 */
class TiktokRequestWindowTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");
  private static final String ACCOUNT = "-000OPENIDhanbitdance";

  /** A clock that stands still until the test moves it. */
  /** Records the pauses the collector asks for. */
  private static final class RecordingPacer implements Pacer {
    final List<Duration> pauses = new ArrayList<>();

    @Override
    public synchronized void pause(Duration wait) {
      pauses.add(wait);
    }
  }

  private final MutableClock clock = new MutableClock();
  private final RecordingPacer pacer = new RecordingPacer();
  private FixtureOrigin origin;
  private TokenSealer sealer;
  private TiktokApiCollector collector;

  @BeforeEach
  void start() {
    origin = FixtureOrigin.builder(FIXTURES).build().start();
    byte[] key = new byte[32];
    key[0] = 9;
    sealer =
        new TokenSealer(
            KeyRing.fromEnvironment(
                    Map.of("TOKEN_KEYS", "k1:" + Base64.getEncoder().encodeToString(key)))
                .orElseThrow());
    collector =
        new TiktokApiCollector(
            new TiktokApiClient(
                new HttpFetcher(HttpFetcher.newClient(2), clock, WorkerRuntime.MAX_BODY_BYTES),
                origin.baseUrl() + "/open.tiktokapis.com"),
            ParserRegistry.defaults(),
            sealer,
            new RequestWindow(2, Duration.ofMinutes(1), clock),
            pacer,
            clock);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private Collection profile(String id, String token) {
    return collector.collect(
        new JobMessage(
            JobMessage.SCHEMA_VERSION,
            id,
            Platform.TIKTOK,
            JobKind.PROFILE,
            "@hanbit.dance",
            new JobMessage.Account(ACCOUNT, sealer.seal(token, Platform.TIKTOK, ACCOUNT)),
            JobMessage.JobOptions.DEFAULTS,
            null,
            Map.of()));
  }

  @Test
  void theThirdReservationInAMinuteWaitsForTheFirstToLeaveTheWindow() {
    RequestWindow window = new RequestWindow(2, Duration.ofMinutes(1), clock);
    Duration patient = Duration.ofHours(1);
    assertThat(window.reserve("user_info/tt-a", patient)).isZero();
    assertThat(window.reserve("user_info/tt-a", patient)).isZero();
    assertThat(window.reserve("user_info/tt-a", Duration.ofSeconds(5)))
        .as("too long to wait: refused, and no slot taken")
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(window.reserve("user_info/tt-a", patient)).isEqualTo(Duration.ofMinutes(1));
    assertThat(window.reserve("user_info/tt-a", patient))
        .as("the refused call took no slot: this one is only one window out")
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(window.reserve("user_info/tt-b", patient))
        .as("another token has its own window")
        .isZero();
  }

  @Test
  void aShortWaitIsPausedAndALongOneEndsTheAttemptRateLimitedWithoutACall() {
    String token = "act.window-token-0001";
    assertThat(profile("w1", token).outcome()).isEqualTo(Outcome.OK);
    assertThat(profile("w2", token).outcome()).isEqualTo(Outcome.OK);
    assertThat(pacer.pauses).isEmpty();

    clock.advance(Duration.ofSeconds(57));
    Collection third = profile("w3", token);
    assertThat(third.outcome()).isEqualTo(Outcome.OK);
    assertThat(pacer.pauses).containsExactly(Duration.ofSeconds(3));

    Collection fourth = profile("w4", token);
    assertThat(fourth.outcome()).isEqualTo(Outcome.OK);
    assertThat(pacer.pauses).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));

    long calls = origin.requestCount();
    Collection fifth = profile("w5", token);
    assertThat(fifth.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(fifth.detail()).contains("user_info").doesNotContain(token);
    assertThat(fifth.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.retryAfterSeconds()).isEqualTo(63L));
    assertThat(fifth.captures()).isEmpty();
    assertThat(origin.requestCount()).as("no call past the budget").isEqualTo(calls);
    assertThat(pacer.pauses).hasSize(2);

    assertThat(profile("w6", "act.another-creator-0002").outcome())
        .as("another creator's token is not slowed")
        .isEqualTo(Outcome.OK);
    assertThat(pacer.pauses).hasSize(2);
  }
}
