package dev.snscollector.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureArchive;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.JobSecrets;
import dev.snscollector.worker.WorkerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** A platform that echoes the job's own token or the app's key where no scrubber place is. */
class JobStoreSecretsTest {
  private static final String TOKEN = "creator-oauth-token-0123456789";
  private static final String KEY = "app-api-key-9876543210";

  @Test
  void theJobsTokenAndTheAppKeyAreCutWhereverThePlatformEchoedThem() {
    String keys = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    TokenSealer sealer =
        new TokenSealer(KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", keys)).orElseThrow());
    JobMessage template = JobMessage.of("job-1", Platform.YOUTUBE, JobKind.PROFILE, "@someone");
    JobMessage job =
        new JobMessage(
            1,
            "job-1",
            Platform.YOUTUBE,
            JobKind.PROFILE,
            "@someone",
            new JobMessage.Account("UCcreator", sealer.seal(TOKEN, Platform.YOUTUBE, "UCcreator")),
            template.options(),
            null,
            Map.of());
    JobSecrets secrets = new JobSecrets(KEY, sealer);
    assertThat(secrets.of(job)).containsExactlyInAnyOrder(KEY, TOKEN);
    assertThat(secrets.of(template)).containsExactly(KEY);

    Capture echoed =
        new Capture(
            "https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true",
            "GET",
            200,
            Map.of("content-type", "application/json"),
            ("{\"debug\":{\"seen\":\"" + TOKEN + "\",\"client\":\"" + KEY + "\"}}")
                .getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-12-03T00:00:00Z"),
            "youtube.api.channels");
    try (LocalStack local = LocalStack.start();
        S3Client s3 =
            AwsClients.s3(
                local.s3Endpoint(),
                local.region(),
                new WorkerConfig.AwsKeys(
                    local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
      JobStore store =
          new JobStore(
              s3,
              local.bucket(),
              pageType -> 1,
              new CancelledJobsWatch(
                  s3,
                  local.bucket(),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(30),
                  Clock.systemUTC()));
      store.put("job-1", List.of(echoed), null, null, secrets.of(job));

      byte[] object =
          s3.getObjectAsBytes(r -> r.bucket(local.bucket()).key(S3Layout.jobKey("job-1")))
              .asByteArray();
      List<CaptureArchive.Entry> kept = CaptureArchive.read("job-1", object);
      assertThat(kept)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.capture().bodyText())
                      .doesNotContain(TOKEN, KEY)
                      .contains("\"seen\":\""));
    }
  }
}
