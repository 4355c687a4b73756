package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Data by creator, end to end: two YouTube creators' profile and posts jobs run through the API, a
 * worker and the local origin; the partition writer copies their records into {@code creators/…};
 * DuckDB (a real query engine, in process) reads those partitions as Athena would, and the answers
 * agree with {@code GET /v1/creators/…} and {@code …/history}. Then one creator is erased: their
 * lines leave the partitions, the other creator's stay.
 */
class CreatorDataEndToEndTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));
  private static final String HANBIT = "UCBChB4IQJ0F0hdob7NmvSaA";
  private static final String BADA = "UCxspJgin1zvw-Xi8AmKU61K";

  @Test
  void thePartitionsAndTheCreatorRoutesAgree(@TempDir Path scratch) throws Exception {
    try (DemoStack stack =
        DemoStack.start(
            null,
            PROJECT.resolve("fixtures"),
            Duration.ZERO,
            Duration.ofSeconds(30),
            DemoStack.randomTokenKeys(),
            r -> Optional.<FixtureOrigin.Response>empty())) {
      CollectorApi api = stack.startApi(null, 0, Map.of("PARTITION_FLUSH_SECONDS", "1"));
      stack.startWorker(stack.workerEnvironmentOnOrigin(2, false));
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
      List<JobMessage> jobs = new ArrayList<>();
      for (String handle : List.of("@hanbit.kitchen", "@bada.walk")) {
        for (JobKind kind : List.of(JobKind.PROFILE, JobKind.POSTS)) {
          jobs.add(
              new JobMessage(
                  JobMessage.SCHEMA_VERSION,
                  "creator-" + handle.substring(1).replace('.', '-') + "-" + kind.wireName(),
                  Platform.YOUTUBE,
                  kind,
                  handle,
                  null,
                  new JobMessage.JobOptions(null, null, List.of(Route.API)),
                  null,
                  Map.of()));
        }
      }
      client.submitBatch(jobs);
      await(
          "the jobs and their partitions",
          () ->
              client.count("platform=youtube&status=succeeded") == 4
                  && creator(client, HANBIT) != null
                  && creator(client, BADA) != null
                  && creator(client, HANBIT).path("posts").size() == 5
                  && creator(client, BADA).path("posts").size() == 2);

      String day = LocalDate.now(ZoneOffset.UTC).toString();
      WorkerConfig.AwsKeys keys =
          new WorkerConfig.AwsKeys(
              stack.local.credentials().accessKeyId(), stack.local.credentials().secretAccessKey());
      try (S3Client s3 = AwsClients.s3(stack.local.s3Endpoint(), stack.local.region(), keys)) {
        List<String> keysWritten = download(s3, stack.local.bucket(), scratch);
        assertThat(keysWritten)
            .isNotEmpty()
            .allMatch(
                k ->
                    k.matches(
                        "creators/platform=youtube/type=(profile|post)/dt="
                            + day
                            + "/part-[0-9]+-[0-9a-f]{8}\\.jsonl\\.gz"));

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
          JsonNode hanbit = creator(client, HANBIT);
          // the latest profile, as the engine reads it and as the API answers it
          Map<String, Long> followers =
              longs(
                  duck,
                  "select creatorId, arg_max(followers, observedAt) from "
                      + table(scratch, "profile")
                      + " group by creatorId");
          assertThat(followers)
              .containsEntry(HANBIT, hanbit.path("profile").path("followers").longValue())
              .containsEntry(
                  BADA, creator(client, BADA).path("profile").path("followers").longValue());
          // the posts, newest first
          List<String> posts =
              strings(
                  duck,
                  "select platformId from "
                      + table(scratch, "post")
                      + " where creatorId = '"
                      + HANBIT
                      + "' order by publishedAt desc, platformId");
          List<String> answered = new ArrayList<>();
          hanbit.path("posts").forEach(p -> answered.add(p.path("platformId").stringValue()));
          assertThat(posts).isEqualTo(answered).hasSize(5);
          // the partition columns come from the path
          assertThat(
                  strings(
                      duck,
                      "select distinct platform || '/' || type || '/' || dt from "
                          + table(scratch, "post")))
              .containsExactly("youtube/post/" + day);
          // history: one value per day, the day's latest
          JsonNode history =
              client.get("/v1/creators/youtube/@hanbit.kitchen/history?metric=followers");
          assertThat(history.path("creatorId").stringValue()).isEqualTo(HANBIT);
          assertThat(history.path("points")).hasSize(1);
          assertThat(history.path("points").get(0).path("day").stringValue()).isEqualTo(day);
          assertThat(history.path("points").get(0).path("value").longValue())
              .isEqualTo(followers.get(HANBIT));
        }

        // erasure takes the creator's lines out of the shared partition objects
        client.delete("/v1/creators/youtube/" + HANBIT + "?handle=hanbit.kitchen");
        Path after = Files.createDirectories(scratch.resolve("after"));
        download(s3, stack.local.bucket(), after);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
          assertThat(strings(duck, "select distinct creatorId from " + table(after, "post")))
              .containsExactly(BADA);
          assertThat(strings(duck, "select distinct creatorId from " + table(after, "profile")))
              .containsExactly(BADA);
        }
        assertThat(client.status("/v1/creators/youtube/" + HANBIT)).isEqualTo(404);
      }
    }
  }

  /** The partition files of one record type under {@code root}, as a DuckDB table expression. */
  private static String table(Path root, String type) {
    return "read_json_auto('"
        + root.resolve("creators")
        + "/platform=*/type="
        + type
        + "/dt=*/*.jsonl.gz', hive_partitioning = true, union_by_name = true)";
  }

  /** Downloads every object under {@code creators/} into {@code dir}, keeping their keys. */
  private static List<String> download(S3Client s3, String bucket, Path dir) throws Exception {
    List<String> keys = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("creators/")).contents()) {
      Path file = dir.resolve(o.key());
      Files.createDirectories(file.getParent());
      Files.write(file, s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray());
      keys.add(o.key());
    }
    return keys;
  }

  private static Map<String, Long> longs(Connection c, String sql) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static JsonNode creator(ApiClient client, String id) {
    return client.status("/v1/creators/youtube/" + id) == 200
        ? client.get("/v1/creators/youtube/" + id)
        : null;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
      Thread.sleep(300);
    }
  }
}
