package dev.snscollector.api.creators;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Erases a creator everywhere the service keeps them: the jobs about them (their account's jobs and
 * every job whose target is their id or one of their handles) with the jobs' S3 objects (the job's
 * object, a drifted document's object, records objects of the old layout), the webhook deliveries
 * about those jobs and the account, idempotency answers that quote them, their entries in
 * schedules, their tokens, and their data by creator: the serving rows and their lines in the
 * creator partitions ({@link CreatorPartitions}), whose objects are rewritten without them (or
 * deleted when nothing else is left). The S3 objects go first, then the rows in one transaction, so
 * a failure part-way leaves what a second call finds and finishes: the call is idempotent. An audit
 * row records the erasure without anything that names the creator.
 */
public final class CreatorErasure {
  private static final Logger log = LoggerFactory.getLogger(CreatorErasure.class);

  private final Database db;
  private final JobObjectDeletion objects;
  private final S3Client s3;
  private final String bucket;
  private final Clock clock;

  public CreatorErasure(Database db, S3Client s3, String bucket, Clock clock) {
    this.db = db;
    this.objects = new JobObjectDeletion(s3, bucket);
    this.s3 = s3;
    this.bucket = bucket;
    this.clock = clock;
  }

  /**
   * What one erasure removed.
   *
   * @param partitionsRewritten creator partition objects that held the creator's lines among
   *     others' (rewritten) or only theirs (deleted)
   */
  public record Erased(
      Platform platform,
      int jobsErased,
      int objectsErased,
      int partitionsRewritten,
      boolean accountErased) {}

  /**
   * @param handles the creator's handles, with or without {@code @}: jobs may name them by handle
   * @param apiKeyId the caller's key, for the audit
   */
  public Erased erase(
      Platform platform, String id, List<String> handles, @Nullable String apiKeyId) {
    Set<String> names = names(id, handles);
    List<JobObjectDeletion.Job> jobs =
        db.read("find a creator's jobs", c -> jobs(c, platform, id, names));
    int deleted = objects.delete(jobs);
    List<String> creators =
        db.read("find a creator's ids", c -> creatorIds(c, platform, id, names));
    List<String> partitionObjects =
        db.read("find a creator's partitions", c -> partitionObjects(c, platform, creators));
    for (String key : partitionObjects) {
      withoutCreators(key, creators);
    }
    return db.transaction(
        "erase a creator",
        c -> {
          // Jobs that arrived since the read are found again here; their objects go on a retry.
          List<JobObjectDeletion.Job> now = jobs(c, platform, id, names);
          String[] ids = now.stream().map(JobObjectDeletion.Job::id).toArray(String[]::new);
          List<String> events = new ArrayList<>();
          for (String job : ids) {
            events.add("job.completed:" + job);
          }
          String ref = platform.wireName() + "/" + id;
          update(
              c,
              "delete from webhook_deliveries where event_id = any(?)"
                  + " or event_id like ? or event_id like ?",
              c.createArrayOf("text", events.toArray()),
              like("token.invalidated:" + ref + ":"),
              like("account.needs_reauth:" + ref + ":"));
          for (String name : names) {
            update(c, "delete from idempotency_keys where strpos(response, ?) > 0", quoted(name));
          }
          update(
              c,
              "update schedules set"
                  + " targets = coalesce((select jsonb_agg(t) from jsonb_array_elements(targets) t"
                  + "   where t #>> '{}' <> all(?)), '[]'::jsonb),"
                  + " accounts = coalesce((select jsonb_agg(a) from jsonb_array_elements(accounts) a"
                  + "   where a #>> '{}' <> all(?)), '[]'::jsonb)"
                  + " where template->>'platform' = ?",
              c.createArrayOf("text", names.toArray()),
              c.createArrayOf("text", names.toArray()),
              platform.wireName());
          int jobsErased =
              update(c, "delete from jobs where job_id = any(?)", c.createArrayOf("text", ids));
          for (String table :
              List.of("creator_profiles", "creator_posts", "creator_history", "creator_objects")) {
            update(
                c,
                "delete from " + table + " where platform = ? and creator_id = any(?)",
                platform.wireName(),
                c.createArrayOf("text", creators.toArray()));
          }
          boolean account =
              update(
                      c,
                      "delete from accounts where platform = ? and account_id = ?",
                      platform.wireName(),
                      id)
                  == 1;
          update(
              c,
              "insert into creator_erasures (platform, jobs_erased, objects_erased, account_erased,"
                  + " api_key_id, erased_at) values (?, ?, ?, ?, ?, ?)",
              platform.wireName(),
              jobsErased,
              deleted,
              account,
              apiKeyId,
              Timestamp.from(clock.instant()));
          log.info(
              "erased a {} creator: {} jobs, {} objects, account {}",
              platform.wireName(),
              jobsErased,
              deleted,
              account ? "erased" : "absent");
          return new Erased(platform, jobsErased, deleted, partitionObjects.size(), account);
        });
  }

  /** The creator ids the collected profiles give the id and handles, the id first. */
  private static List<String> creatorIds(
      Connection c, Platform platform, String id, Set<String> names) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    out.add(id);
    try (PreparedStatement s =
        c.prepareStatement(
            "select creator_id from creator_profiles where platform = ?"
                + " and (creator_id = any(?) or handle = any(?))")) {
      s.setString(1, platform.wireName());
      s.setArray(2, c.createArrayOf("text", names.toArray()));
      s.setArray(3, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<String> partitionObjects(
      Connection c, Platform platform, List<String> creators) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select distinct object_key from creator_objects where platform = ?"
                + " and creator_id = any(?) order by object_key")) {
      s.setString(1, platform.wireName());
      s.setArray(2, c.createArrayOf("text", creators.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  /** Rewrites a partition object without the lines of {@code creators}; deletes it if empty. */
  private void withoutCreators(String key, List<String> creators) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    int lines = 0;
    try (InputStream raw = s3.getObject(r -> r.bucket(bucket).key(key));
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
        GZIPOutputStream out = new GZIPOutputStream(kept)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()
            || creators.contains(Json.MAPPER.readTree(line).path("creatorId").asString(""))) {
          continue;
        }
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        lines++;
      }
    } catch (NoSuchKeyException e) {
      return; // gone already: a retry of an erasure that got this far
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite partition object " + key, e);
    }
    if (lines == 0) {
      s3.deleteObject(r -> r.bucket(bucket).key(key));
    } else {
      s3.putObject(
          r ->
              r.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
          RequestBody.fromBytes(kept.toByteArray()));
    }
  }

  /** The id and each handle as a job's target may name them: {@code name} and {@code @name}. */
  private static Set<String> names(String id, List<String> handles) {
    Set<String> names = new LinkedHashSet<>();
    names.add(id);
    for (String h : handles) {
      String bare = h.startsWith("@") ? h.substring(1) : h;
      if (!bare.isBlank()) {
        names.add(bare);
        names.add("@" + bare);
      }
    }
    return names;
  }

  private static List<JobObjectDeletion.Job> jobs(
      Connection c, Platform platform, String id, Set<String> names) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select "
                + JobObjectDeletion.COLUMNS
                + " from jobs where platform = ? and (account_id = ? or target = any(?))")) {
      s.setString(1, platform.wireName());
      s.setString(2, id);
      s.setArray(3, c.createArrayOf("text", names.toArray()));
      return JobObjectDeletion.read(s);
    }
  }

  private static String like(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** A name as it stands in a JSON answer: quoted. */
  private static String quoted(String name) {
    return "\"" + name + "\"";
  }

  private static int update(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }
}
