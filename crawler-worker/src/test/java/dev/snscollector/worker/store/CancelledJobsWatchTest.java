package dev.snscollector.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.capture.CancelledJobs;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import dev.snscollector.worker.testing.MutableClock;
import dev.snscollector.worker.testing.RecordingS3Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The worker's copy of the cancelled-jobs list, against S3Proxy. */
class CancelledJobsWatchTest {
  @Test
  void theListIsReadWholeWhenItChangedWithA304OtherwiseAndAnOldCopyIsNotTrusted() {
    try (LocalStack local = LocalStack.start();
        S3Client s3 =
            AwsClients.s3(
                local.s3Endpoint(),
                local.region(),
                new WorkerConfig.AwsKeys(
                    local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
      MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
      CancelledJobsWatch watch =
          new CancelledJobsWatch(
              s3, local.bucket(), Duration.ofSeconds(5), Duration.ofSeconds(30), clock);

      assertThatThrownBy(() -> watch.cancelled("a"))
          .isInstanceOf(CancelledJobsWatch.UnknownException.class);
      watch.refresh(); // no list yet: nothing was ever cancelled
      assertThat(watch.cancelled("a")).isFalse();
      assertThat(watch.size()).isZero();

      put(s3, local.bucket(), "a", "b");
      watch.refresh();
      assertThat(watch.cancelled("a")).isTrue();
      assertThat(watch.cancelled("c")).isFalse();

      RecordingS3Interceptor.clear();
      watch.refresh();
      assertThat(RecordingS3Interceptor.requests())
          .containsExactly(new RecordingS3Interceptor.Request("GetObject", key(), 304));
      assertThat(watch.cancelled("b")).isTrue();

      put(s3, local.bucket(), "c");
      watch.refresh();
      assertThat(watch.cancelled("a")).isFalse();
      assertThat(watch.cancelled("c")).isTrue();

      // Reads failing (here: none made) for longer than the copy may age: no answer, no guess.
      clock.advance(Duration.ofSeconds(31));
      assertThatThrownBy(() -> watch.cancelled("c"))
          .isInstanceOf(CancelledJobsWatch.UnknownException.class)
          .hasMessageContaining("2026-11-22T00:00:00Z");
      watch.refresh();
      assertThat(watch.cancelled("c")).isTrue();
    }
  }

  private static String key() {
    return S3Layout.cancelledJobsKey();
  }

  private static void put(S3Client s3, String bucket, String... ids) {
    s3.putObject(
        r -> r.bucket(bucket).key(key()),
        RequestBody.fromBytes(CancelledJobs.encode(Instant.now(), List.of(ids))));
  }
}
