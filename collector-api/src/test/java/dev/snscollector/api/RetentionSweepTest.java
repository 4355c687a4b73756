package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The retention sweep: a job finished longer ago than {@code RETENTION_JOB_DAYS} goes with its
 * objects, a newer one and an unfinished one stay; a webhook delivery no longer pending goes after
 * {@code RETENTION_WEBHOOK_DAYS}, a pending one never. The bucket's lifecycle rule in the
 * deployment files expires job objects only after the default retention.
 */
class RetentionSweepTest {
  @Test
  void jobsAndDeliveriesPastTheirTimeGoWithTheirObjectsAndNothingElse() {
    try (ApiTestStack stack = ApiTestStack.start()) {
      stack.reset();
      CollectorApi api =
          stack.startApi(
              Map.of(
                  "RETENTION_JOB_DAYS", "30",
                  "RETENTION_WEBHOOK_DAYS", "7",
                  "RETENTION_SWEEP_SECONDS", "1"));
      TestHttp http = new TestHttp(api.localUrl());
      String key = api.keys().create("platform", EnumSet.of(Scope.JOBS_WRITE)).key();
      for (String id : List.of("old-1", "old-2", "recent", "running")) {
        assertThat(
                http.post(
                        "/v1/jobs",
                        key,
                        "{\"jobId\":\""
                            + id
                            + "\",\"platform\":\"youtube\",\"kind\":\"profile\","
                            + "\"target\":\"@"
                            + id
                            + "\"}")
                    .status())
            .isEqualTo(202);
        stack.s3.putObject(
            r -> r.bucket(stack.local.bucket()).key(S3Layout.jobKey(id)),
            RequestBody.fromString("captures and records of " + id, StandardCharsets.UTF_8));
      }
      stack.execute(
          "update jobs set state = 'succeeded', outcome = 'ok',"
              + " finished_at = now() - interval '31 days' where job_id like 'old-%'");
      stack.execute(
          "update jobs set state = 'succeeded', outcome = 'ok',"
              + " finished_at = now() - interval '1 day' where job_id = 'recent'");
      stack.execute(
          "insert into webhook_deliveries (event_id, event, payload, state, next_attempt_at,"
              + " created_at) values"
              + " ('e-old', 'job.completed', '{}', 'delivered', now(), now() - interval '8 days'),"
              + " ('e-failed', 'job.completed', '{}', 'failed', now(), now() - interval '8 days'),"
              + " ('e-new', 'job.completed', '{}', 'delivered', now(), now() - interval '1 day'),"
              + " ('e-pending', 'job.completed', '{}', 'pending', now() + interval '1 hour',"
              + "  now() - interval '8 days')");

      ApiTestStack.await(
          "the sweep",
          Duration.ofSeconds(20),
          () -> stack.count("select count(*) from jobs where job_id like 'old-%'") == 0);
      ApiTestStack.await(
          "the deliveries' sweep",
          Duration.ofSeconds(10),
          () -> stack.count("select count(*) from webhook_deliveries") == 2);

      assertThat(stack.count("select count(*) from jobs where job_id in ('recent', 'running')"))
          .isEqualTo(2);
      assertThat(
              stack
                  .s3
                  .listObjectsV2Paginator(r -> r.bucket(stack.local.bucket()).prefix("jobs/"))
                  .contents()
                  .stream()
                  .map(S3Object::key))
          .containsExactlyInAnyOrder(S3Layout.jobKey("recent"), S3Layout.jobKey("running"));
      assertThat(
              stack.count(
                  "select count(*) from webhook_deliveries where event_id in ('e-new', 'e-pending')"))
          .isEqualTo(2);
    }
  }

  @Test
  void theBucketsLifecycleRuleExpiresJobObjectsOnlyAfterTheDefaultRetention() throws Exception {
    Path file =
        Path.of(System.getProperty("sns.project.dir", "..")).resolve("deploy/s3/lifecycle.json");
    JsonNode rules = Json.MAPPER.readTree(Files.readString(file)).path("Rules");
    for (String prefix : List.of("jobs/", "drift/", "creators/")) {
      JsonNode rule = null;
      for (JsonNode r : rules) {
        if (r.path("Filter").path("Prefix").stringValue("").equals(prefix)) {
          rule = r;
        }
      }
      assertThat(rule).as("a rule for %s", prefix).isNotNull();
      assertThat(rule.path("Status").stringValue()).isEqualTo("Enabled");
      assertThat(rule.path("Expiration").path("Days").longValue())
          .as("later than RETENTION_JOB_DAYS' default, so the sweep deletes rows and objects first")
          .isGreaterThan(
              ApiConfig.fromEnvironment(ApiConfigTest.minimal())
                  .dataRetention()
                  .jobs()
                  .toDaysPart());
    }
  }
}
