package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureTargets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Jobs with a creator's sealed token call the Data API with that token, and only that job. */
class CreatorTokenTest {
  private static final String TOKEN = "ya29.creator-oauth-token-for-test";

  @Test
  void aJobWithASealedTokenAuthenticatesAsTheCreatorAndATamperedOneEndsAsTokenInvalid() {
    ConcurrentLinkedQueue<FixtureOrigin.Request> seen = new ConcurrentLinkedQueue<>();
    byte[] key = new byte[32];
    key[0] = 42;
    String keys = "k1:" + Base64.getEncoder().encodeToString(key);
    TokenSealer sealer =
        new TokenSealer(KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", keys)).orElseThrow());
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            5,
            b ->
                b.interceptor(
                    r -> {
                      seen.add(r);
                      return Optional.empty();
                    }))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("TOKEN_KEYS", keys);
      stack.startWorker(env);
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      String sealed = sealer.seal(TOKEN, Platform.YOUTUBE, "UCcreator");
      JobMessage withToken = JobMessage.of("tok-ok", Platform.YOUTUBE, JobKind.PROFILE, channel);
      withToken =
          new JobMessage(
              1,
              "tok-ok",
              Platform.YOUTUBE,
              JobKind.PROFILE,
              channel,
              new JobMessage.Account("UCcreator", sealed),
              withToken.options(),
              null,
              Map.of());
      JobMessage misbound =
          new JobMessage(
              1,
              "tok-bad",
              Platform.YOUTUBE,
              JobKind.PROFILE,
              channel,
              new JobMessage.Account("UCsomeoneelse", sealed),
              withToken.options(),
              null,
              Map.of());
      stack.send(JobCodec.encode(withToken));
      stack.send(JobCodec.encode(misbound));

      List<ResultEvent> events = stack.awaitResults(2, Duration.ofSeconds(60));

      assertThat(events).hasSize(2);
      ResultEvent ok =
          events.stream().filter(e -> "tok-ok".equals(e.jobId())).findFirst().orElseThrow();
      ResultEvent bad =
          events.stream().filter(e -> "tok-bad".equals(e.jobId())).findFirst().orElseThrow();
      assertThat(ok.outcome()).isEqualTo(Outcome.OK);
      assertThat(bad.outcome()).isEqualTo(Outcome.TOKEN_INVALID);
      assertThat(bad.detail()).contains("sealed token refused").doesNotContain(TOKEN);
      assertThat(seen)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN);
                assertThat(r.rawQuery()).doesNotContain("key=");
              });
      assertThat(events.toString()).doesNotContain(TOKEN);
    }
  }
}
