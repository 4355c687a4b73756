package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Route;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * {@code DELETE /v1/creators/{platform}/{id}}: afterwards no row of any table and no object in the
 * bucket holds the creator's id or handle (every row and object is scanned, gzip objects inside),
 * another creator's data is untouched (their line stays in the partition object both shared), the
 * audit row names nobody, and a second call erases nothing more.
 */
class CreatorErasureTest {
  private static final String ID = "UCerasemeerasemeerase001";
  private static final String HANDLE = "erase.me.please";
  private static final String KEPT = "@keep.this.creator";
  private static final String KEPT_ID = "UCkeepkeepkeepkeepkeep01";

  @Test
  void aCreatorIsErasedFromEveryTableAndObjectAndOnlyThem() throws Exception {
    try (ApiTestStack stack = ApiTestStack.start()) {
      stack.reset();
      CollectorApi api = stack.startApi(Map.of("PARTITION_FLUSH_SECONDS", "1"));
      TestHttp http = new TestHttp(api.localUrl());
      String key =
          api.keys()
              .create(
                  "platform",
                  EnumSet.of(
                      Scope.JOBS_WRITE,
                      Scope.JOBS_READ,
                      Scope.ACCOUNTS_WRITE,
                      Scope.ACCOUNTS_READ,
                      Scope.SCHEDULES_WRITE))
              .key();
      assertThat(
              http.put("/v1/accounts/youtube/" + ID + "/token", key, "{\"token\":\"ya29.erase\"}")
                  .status())
          .isEqualTo(200);
      // Jobs that name the creator by account, by id and by handle, one by someone else; one
      // batch with an idempotency key, whose stored answer quotes the targets.
      TestHttp.Reply batch =
          http.post(
              "/v1/jobs/batch",
              key,
              "{\"jobs\":["
                  + job("e-1", "@" + HANDLE, ",\"account\":{\"accountId\":\"" + ID + "\"}")
                  + ","
                  + job("e-2", ID, "")
                  + ","
                  + job("e-3", "@" + HANDLE, "")
                  + ","
                  + job("k-1", KEPT, "")
                  + "]}",
              "Idempotency-Key",
              "batch-with-the-creator");
      assertThat(batch.status()).as(batch.body()).isEqualTo(202);
      TestHttp.Reply schedule =
          http.post(
              "/v1/schedules",
              key,
              "{\"cron\":\"0 6 * * *\",\"job\":{\"platform\":\"youtube\",\"kind\":\"profile\"},"
                  + "\"targets\":[\"@"
                  + HANDLE
                  + "\",\""
                  + KEPT
                  + "\"]}");
      assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
      ApiTestStack.await(
          "jobs queued",
          Duration.ofSeconds(15),
          () -> stack.count("select count(*) from jobs where state = 'queued'") == 4);
      // What the workers would have written: each job's object, and a drifted document's.
      for (String job : List.of("e-1", "e-2", "e-3", "k-1")) {
        put(stack, S3Layout.jobKey(job), "records of " + (job.startsWith("e") ? HANDLE : KEPT));
      }
      put(stack, S3Layout.driftKey("youtube.web.channel", "e-3"), "<html>@" + HANDLE + "</html>");
      stack.execute(
          "update jobs set drift = '{\"pageType\":\"youtube.web.channel\"}' where job_id = 'e-3'");
      // Two jobs ended ok with records (old layout: a gzip JSON-lines object of their own), so the
      // partition writer puts both creators' profiles in one shared partition object.
      for (String[] done :
          new String[][] {{"e-1", ID, HANDLE}, {"k-1", KEPT_ID, KEPT.substring(1)}}) {
        String recordsKey = "records/" + done[0] + ".jsonl.gz";
        putGzip(stack, recordsKey, profileLine(done[1], done[2]));
        stack.execute(
            "update jobs set state = 'succeeded', outcome = 'ok', records_location = ?"
                + " where job_id = ?",
            "s3://" + stack.local.bucket() + "/" + recordsKey,
            done[0]);
        stack.execute("insert into partition_queue (job_id, queued_at) values (?, now())", done[0]);
      }
      ApiTestStack.await(
          "both creators partitioned",
          Duration.ofSeconds(20),
          () -> stack.count("select count(*) from creator_profiles") == 2);
      assertThat(scan(stack, ID, HANDLE)).as("the creator is there to begin with").isNotEmpty();

      TestHttp.Reply erased = http.delete("/v1/creators/youtube/" + ID + "?handle=" + HANDLE, key);
      assertThat(erased.status()).as(erased.body()).isEqualTo(200);
      JsonNode result = erased.json();
      assertThat(result.path("jobsErased").intValue()).isEqualTo(3);
      assertThat(result.path("objectsErased").intValue())
          .isEqualTo(5); // three job objects, a drifted document, e-1's records
      assertThat(result.path("accountErased").booleanValue()).isTrue();

      assertThat(scan(stack, ID, HANDLE)).as("rows and objects still naming the creator").isEmpty();
      assertThat(stack.count("select count(*) from jobs where job_id = 'k-1'")).isEqualTo(1);
      assertThat(objectKeys(stack)).contains(S3Layout.jobKey("k-1"));
      assertThat(result.path("partitionsRewritten").intValue()).isEqualTo(1);
      assertThat(stack.count("select count(*) from creator_profiles where creator_id = ?", KEPT_ID))
          .as("the other creator's data stays")
          .isEqualTo(1);
      assertThat(scan(stack, KEPT_ID).stream().filter(f -> f.startsWith("s3://creators/")))
          .as("the other creator's line stays in the shared partition object")
          .hasSize(1);
      assertThat(
              stack.count(
                  "select count(*) from schedules where targets @> ?::jsonb", "[\"" + KEPT + "\"]"))
          .as("the schedule keeps its other creators")
          .isEqualTo(1);
      assertThat(stack.count("select count(*) from creator_erasures")).isEqualTo(1);

      TestHttp.Reply again = http.delete("/v1/creators/youtube/" + ID + "?handle=" + HANDLE, key);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("jobsErased").intValue()).isZero();
      assertThat(again.json().path("objectsErased").intValue()).isZero();
      assertThat(again.json().path("accountErased").booleanValue()).isFalse();
      assertThat(scan(stack, ID, HANDLE)).isEmpty();
    }
  }

  private static String job(String id, String target, String extra) {
    return "{\"jobId\":\""
        + id
        + "\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\""
        + target
        + "\""
        + extra
        + "}";
  }

  private static void put(ApiTestStack stack, String key, String content) {
    stack.s3.putObject(
        r -> r.bucket(stack.local.bucket()).key(key),
        RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static void putGzip(ApiTestStack stack, String key, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content.getBytes(StandardCharsets.UTF_8));
    }
    stack.s3.putObject(
        r -> r.bucket(stack.local.bucket()).key(key), RequestBody.fromBytes(bytes.toByteArray()));
  }

  /** A profile record line as a worker writes it. */
  private static String profileLine(String id, String handle) {
    Instant at = Instant.parse("2026-12-01T00:00:00Z");
    return Json.MAPPER.writeValueAsString(
            new ProfileRecord(
                Platform.YOUTUBE,
                id,
                handle,
                "name of " + handle,
                null,
                null,
                1200L,
                null,
                3L,
                null,
                40000L,
                false,
                List.of(),
                null,
                List.of("followers"),
                Map.of(),
                at,
                new RecordSource(
                    Route.API,
                    "https://www.googleapis.com/youtube/v3/channels?id=" + id,
                    "youtube.api.channels",
                    1,
                    null)))
        + "\n";
  }

  private static List<String> objectKeys(ApiTestStack stack) {
    return stack.s3.listObjectsV2Paginator(r -> r.bucket(stack.local.bucket())).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Every row of every table and every object (key and bytes) that holds one of {@code names}. */
  private static List<String> scan(ApiTestStack stack, String... names) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection c = stack.pg.getPostgresDatabase().getConnection()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "select tablename from pg_tables where schemaname = 'public'"
                      + " and tablename <> 'flyway_schema_history'");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("jobs", "accounts", "webhook_deliveries", "idempotency_keys");
      for (String table : tables) {
        try (PreparedStatement s =
                c.prepareStatement("select to_jsonb(t)::text from \"" + table + "\" t");
            ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String row = rs.getString(1);
            for (String name : names) {
              if (row.contains(name)) {
                found.add(table + ": " + row);
              }
            }
          }
        }
      }
    }
    for (String objectKey : objectKeys(stack)) {
      byte[] raw =
          stack
              .s3
              .getObjectAsBytes(r -> r.bucket(stack.local.bucket()).key(objectKey))
              .asByteArray();
      if (raw.length > 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b) {
        // gzip (records, partitions): searched inside, not as compressed bytes
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          raw = in.readAllBytes();
        }
      }
      String bytes = new String(raw, StandardCharsets.ISO_8859_1);
      for (String name : names) {
        if (objectKey.contains(name) || bytes.contains(name)) {
          found.add("s3://" + objectKey);
        }
      }
    }
    return found;
  }
}
