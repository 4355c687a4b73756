package dev.snscollector.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCodecTest {

  @Test
  void aValidJobSurvivesARoundTrip() {
    JobMessage job =
        new JobMessage(
            1,
            "job-1",
            Platform.YOUTUBE,
            JobKind.POSTS,
            "@somechannel",
            new JobMessage.Account("UC0123456789012345678901", "v1.k1.AAAAAAAAAAAAAAAAAAAA"),
            new JobMessage.JobOptions(
                25, Instant.parse("2026-01-01T00:00:00Z"), List.of(Route.API)),
            "dedupe-1",
            Map.of("campaign", "spring"));

    JobMessage back = JobCodec.decode(JobCodec.encode(job));

    assertThat(back).isEqualTo(job);
  }

  @Test
  void aMinimalJobEncodesToWhatTheSchemaAccepts() {
    JobMessage job = JobMessage.of("job-2", Platform.YOUTUBE, JobKind.PROFILE, "@somechannel");

    assertThat(JobCodec.decode(JobCodec.encode(job))).isEqualTo(job);
  }

  @Test
  void theAccountsTokenNeverShowsInToString() {
    JobMessage.Account account = new JobMessage.Account("acct", "v1.k1.SECRET-TOKEN-VALUE");
    assertThat(account.toString()).doesNotContain("SECRET-TOKEN-VALUE");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j1\",\"platform\":\"youtube\",\"kind\":\"profile\"}"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e -> {
              assertThat(e.jobId()).isEqualTo("j1");
              assertThat(e.violations()).extracting(Violation::field).contains("/target");
            });
  }

  @Test
  void aJobIdWithALineBreakCannotForgeALogLineThroughTheRefusal() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j1\\r\\nWARN forged\",\"platform\":\"youtube\",\"kind\":\"profile\"}"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("invalid job j1\\u000d\\u000aWARN forged: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anUnknownPlatformIsNamed() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j2\",\"platform\":\"myspace\",\"kind\":\"profile\",\"target\":\"@x\"}"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("/platform"));
  }

  @Test
  void aWrongTypeDeepInsideIsNamedByItsPath() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j3\",\"platform\":\"youtube\",\"kind\":\"posts\","
                        + "\"target\":\"@abc\",\"options\":{\"maxItems\":\"ten\"}}"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("/options/maxItems"));
  }

  @Test
  void aUrlOfAnotherSiteIsRejectedAtTarget() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j4\",\"platform\":\"youtube\",\"kind\":\"profile\","
                        + "\"target\":\"https://www.tiktok.com/@someone\"}"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e -> {
              assertThat(e.violations()).extracting(Violation::field).containsExactly("/target");
              assertThat(e.getMessage()).contains("www.tiktok.com", "not a youtube address");
            });
  }

  @Test
  void aTargetWithALineBreakIsRejectedAtTargetWithoutOne() {
    assertThatThrownBy(
            () ->
                JobCodec.decode(
                    "{\"schemaVersion\":1,\"jobId\":\"j5\",\"platform\":\"youtube\",\"kind\":\"profile\","
                        + "\"target\":\"https://www.youtube.com/user/x\\r\\nForged: yes\"}"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e -> {
              assertThat(e.violations()).extracting(Violation::field).containsExactly("/target");
              assertThat(e.getMessage())
                  .contains("control character (U+000D)")
                  .doesNotContain("\r", "\n");
            });
  }

  @Test
  void notJsonIsSaidToBeNotJson() {
    assertThatThrownBy(() -> JobCodec.decode("hello, worker"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aHugeBodyIsRejectedBeforeParsing() {
    String huge = "{\"pad\":\"" + "x".repeat(JobCodec.MAX_MESSAGE_BYTES) + "\"}";
    assertThatThrownBy(() -> JobCodec.decode(huge))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("a job is at most");
  }
}
