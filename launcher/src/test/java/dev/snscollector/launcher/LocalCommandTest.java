package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The local console's line for a finished job. */
class LocalCommandTest {

  @Test
  void aFinishedJobIsOneLine() {
    assertThat(LocalCommand.finishedLine(job("not found")))
        .isEqualTo(
            "  job-1 youtube/profile → failed (not found), 0 records s3://bucket/jobs/job-1.jsonl");
  }

  @Test
  void aDetailWithLineBreaksAndAnsiEscapesCannotForgeALine() {
    String forged = "x)\r\n  job-2 youtube/profile → succeeded, 9 records s3://b/k\u001b[2K\u2028";

    String line = LocalCommand.finishedLine(job(forged));

    assertThat(line).doesNotContain("\r", "\n", "\u001b", "\u2028");
    assertThat(line)
        .isEqualTo(
            "  job-1 youtube/profile → failed (x)\\u000d\\u000a  job-2 youtube/profile → succeeded,"
                + " 9 records s3://b/k\\u001b[2K\\u2028), 0 records s3://bucket/jobs/job-1.jsonl");
  }

  @Test
  void everyTextTheApiGaveIsEscaped() {
    ObjectNode job = job("d");
    job.put("outcome", "failed\n");
    job.put("kind", "profile\r");
    job.putObject("locations").put("records", "s3://b/k\u001b]0;title\u0007");

    assertThat(LocalCommand.finishedLine(job))
        .isEqualTo(
            "  job-1 youtube/profile\\u000d → failed\\u000a (d), 0 records"
                + " s3://b/k\\u001b]0;title\\u0007");
  }

  private static ObjectNode job(String detail) {
    ObjectNode job = Json.MAPPER.createObjectNode();
    job.put("jobId", "job-1");
    job.put("platform", "youtube");
    job.put("kind", "profile");
    job.put("outcome", "failed");
    job.put("detail", detail);
    job.put("recordCount", 0);
    job.putObject("locations").put("records", "s3://bucket/jobs/job-1.jsonl");
    return job;
  }
}
