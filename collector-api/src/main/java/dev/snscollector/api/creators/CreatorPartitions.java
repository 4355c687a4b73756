package dev.snscollector.api.creators;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.jobs.JobObjects;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.MetricRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Copies the records of jobs that ended ok into the layout query engines read, and into the tables
 * the creator routes answer from, a batch of jobs at a time.
 *
 * <p>The layout: {@code creators/platform=<p>/type=<profile|post|comment|metric>/dt=<day>/part-
 * <batch>.jsonl.gz}, gzip JSON lines, one per record: the record as in the job's records without
 * {@code platform} and {@code type} (the path carries them, as partition columns, which a table may
 * not repeat), plus {@code creatorId} (whose data it is) and {@code jobId}. {@code dt} is the UTC
 * day the record was observed. One object per partition per batch, so a thousand jobs cost a
 * handful of PUTs, not a thousand; Athena's and Glue's table definitions are in {@code
 * deploy/athena/}.
 *
 * <p>A pass claims up to {@code batchJobs} waiting jobs under a new batch id and commits the claim;
 * then it reads their records (one ranged GET each), writes the partition objects, and in one
 * transaction updates the serving tables, notes which objects hold which creator ({@code
 * creator_objects}, for erasure) and deletes the batch's queue rows. A pass that dies after its
 * PUTs leaves the claim behind; after {@link #STALE_CLAIM} the batch is taken again under the same
 * id, so its objects are overwritten, never doubled.
 *
 * <p>Whose data a record is: the job's profile record names the creator; without one, the account
 * the insights are of, then the posts' owner, then the job's account.
 */
public final class CreatorPartitions {
  private static final Logger log = LoggerFactory.getLogger(CreatorPartitions.class);

  /** A claim older than this is a writer that died: its batch is redone. */
  static final Duration STALE_CLAIM = Duration.ofMinutes(5);

  /** The prefix of the query layout in the bucket. */
  public static final String PREFIX = "creators/";

  /** The profile counts kept as history, by their record field names. */
  static final List<String> PROFILE_HISTORY =
      List.of("followers", "following", "postCount", "totalLikes", "totalViews");

  /**
   * @param every how often a replica looks for waiting jobs ({@code PARTITION_FLUSH_SECONDS},
   *     default 60): the most a record waits before it can be queried
   * @param batchJobs jobs per batch ({@code PARTITION_BATCH_JOBS}, default 250: a batch's records
   *     are held in memory while its objects are written, some 20 MB for posts jobs of 50 posts)
   */
  public record Settings(Duration every, int batchJobs) {}

  private final Database db;
  private final S3Client s3;
  private final String bucket;
  private final JobObjects objects;
  private final Settings settings;
  private final Clock clock;
  private final Counter jobsWritten;
  private final Counter objectsWritten;

  public CreatorPartitions(
      Database db,
      S3Client s3,
      String bucket,
      Settings settings,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.s3 = s3;
    this.bucket = bucket;
    this.objects = new JobObjects(s3);
    this.settings = settings;
    this.clock = clock;
    this.jobsWritten = registry.counter("collector_api_partition_jobs");
    this.objectsWritten = registry.counter("collector_api_partition_objects");
  }

  /** Queues a job that ended ok with records, in the caller's transaction. */
  public static void enqueue(Connection c, String jobId, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into partition_queue (job_id, queued_at) values (?, ?)"
                + " on conflict (job_id) do update set batch_id = null, claimed_at = null,"
                + " queued_at = excluded.queued_at")) {
      s.setString(1, jobId);
      s.setTimestamp(2, Timestamp.from(now));
      s.executeUpdate();
    }
  }

  /** One batch; true when it was full (the loop goes again at once). */
  public boolean flushOnce() {
    Batch batch = claim();
    if (batch.jobIds().isEmpty()) {
      return false;
    }
    Map<String, Partition> partitions = new LinkedHashMap<>();
    List<Line> lines = new ArrayList<>();
    for (Stored job : stored(batch.jobIds())) {
      read(job, lines);
    }
    for (Line line : lines) {
      String key = partitionKey(line.record(), batch.id());
      partitions.computeIfAbsent(key, Partition::new).add(line);
    }
    for (Partition p : partitions.values()) {
      put(p.key(), p.bytes());
      objectsWritten.increment();
    }
    db.transaction(
        "apply partition batch",
        c -> {
          serve(c, lines);
          note(c, partitions.values());
          try (PreparedStatement s =
              c.prepareStatement("delete from partition_queue where batch_id = ?")) {
            s.setString(1, batch.id());
            return s.executeUpdate();
          }
        });
    jobsWritten.increment(batch.jobIds().size());
    log.debug(
        "partition batch {}: {} jobs, {} records, {} objects",
        batch.id(),
        batch.jobIds().size(),
        lines.size(),
        partitions.size());
    return batch.jobIds().size() >= settings.batchJobs();
  }

  /** The object a record goes to in this batch. */
  static String partitionKey(NormalizedRecord r, String batchId) {
    LocalDate day = r.observedAt().atZone(ZoneOffset.UTC).toLocalDate();
    return PREFIX
        + "platform="
        + r.platform().wireName()
        + "/type="
        + r.recordType()
        + "/dt="
        + day
        + "/part-"
        + batchId
        + ".jsonl.gz";
  }

  private record Batch(String id, List<String> jobIds) {}

  /** A stale batch to redo under its own id, else the oldest waiting jobs under a new one. */
  private Batch claim() {
    Instant now = clock.instant();
    return db.transaction(
        "claim partition batch",
        c -> {
          String stale = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select batch_id from partition_queue where batch_id is not null"
                      + " and claimed_at < ? limit 1 for update skip locked")) {
            s.setTimestamp(1, Timestamp.from(now.minus(STALE_CLAIM)));
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                stale = rs.getString(1);
              }
            }
          }
          String id = stale == null ? newBatchId(now) : stale;
          List<String> jobIds = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  stale == null
                      ? "update partition_queue set batch_id = ?, claimed_at = ? where job_id in"
                          + " (select job_id from partition_queue where batch_id is null"
                          + " order by queued_at limit ? for update skip locked) returning job_id"
                      : "update partition_queue set batch_id = ?, claimed_at = ?"
                          + " where batch_id = ? returning job_id")) {
            s.setString(1, id);
            s.setTimestamp(2, Timestamp.from(now));
            if (stale == null) {
              s.setInt(3, settings.batchJobs());
            } else {
              s.setString(3, stale);
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                jobIds.add(rs.getString(1));
              }
            }
          }
          return new Batch(id, jobIds);
        });
  }

  private static String newBatchId(Instant now) {
    return now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A record of a job with whose data it is. */
  record Line(NormalizedRecord record, @Nullable String creatorId, String jobId) {
    byte[] json() {
      ObjectNode node = (ObjectNode) Json.MAPPER.valueToTree(record);
      node.remove("type");
      node.remove("platform");
      node.put("creatorId", creatorId);
      node.put("jobId", jobId);
      return Json.MAPPER.writeValueAsBytes(node);
    }
  }

  /** Where a job's records are, and whose account it used. */
  private record Stored(
      String jobId, @Nullable String accountId, String location, @Nullable String range) {}

  /**
   * The batch's jobs that still have records, in one query: a job erased or swept since it was
   * queued, or one without records, is not there.
   */
  private List<Stored> stored(List<String> jobIds) {
    return db.read(
        "read a batch's jobs",
        c -> {
          List<Stored> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select job_id, account_id, records_location, records_range from jobs"
                      + " where job_id = any(?) and records_location is not null"
                      + " order by job_id")) {
            s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
              }
            }
          }
          return out;
        });
  }

  /** Reads one job's records (one ranged GET); records gone from S3 add none. */
  private void read(Stored job, List<Line> out) {
    List<NormalizedRecord> records = new ArrayList<>();
    try (InputStream in = objects.records(job.location(), job.range());
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          records.add(Json.MAPPER.readValue(line, NormalizedRecord.class));
        }
      }
    } catch (NoSuchKeyException e) {
      log.warn("job {}: its records are no longer in S3; not partitioned", job.jobId());
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the records of job " + job.jobId(), e);
    }
    String creator = creatorOf(records, job.accountId());
    for (NormalizedRecord r : records) {
      out.add(new Line(r, creator, job.jobId()));
    }
  }

  static @Nullable String creatorOf(List<NormalizedRecord> records, @Nullable String accountId) {
    for (NormalizedRecord r : records) {
      if (r instanceof ProfileRecord p) {
        return p.platformId();
      }
    }
    for (NormalizedRecord r : records) {
      if (r instanceof MetricRecord m && m.subject().equals(MetricRecord.ACCOUNT)) {
        return m.platformId();
      }
    }
    for (NormalizedRecord r : records) {
      if (r instanceof PostRecord p && p.ownerId() != null) {
        return p.ownerId();
      }
    }
    return accountId;
  }

  /** One partition object of the batch. */
  private static final class Partition {
    private final String key;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;
    private final Set<String> creators = new LinkedHashSet<>();
    private final String platform;

    Partition(String key) {
      this.key = key;
      this.platform = key.substring(key.indexOf("platform=") + 9, key.indexOf("/type="));
      try {
        this.gzip = new GZIPOutputStream(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String key() {
      return key;
    }

    void add(Line line) {
      try {
        gzip.write(line.json());
        gzip.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (line.creatorId() != null) {
        creators.add(line.creatorId());
      }
    }

    byte[] bytes() {
      try {
        gzip.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  private void put(String key, byte[] body) {
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType("application/x-ndjson").contentEncoding("gzip"),
        RequestBody.fromBytes(body));
  }

  private static void note(Connection c, java.util.Collection<Partition> partitions)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into creator_objects (platform, creator_id, object_key) values (?, ?, ?)"
                + " on conflict do nothing")) {
      for (Partition p : partitions) {
        for (String creator : p.creators) {
          s.setString(1, p.platform);
          s.setString(2, creator);
          s.setString(3, p.key());
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  /** A row of a serving table: its key, when it was observed, and how it is bound. */
  private record Row(List<Object> key, Instant observedAt, List<@Nullable Object> values) {}

  /**
   * The serving tables: latest profile and posts, one value per metric and day. Rows are reduced to
   * the latest per key first: the batched upserts go as one statement, which may not touch a row
   * twice.
   */
  private static void serve(Connection c, List<Line> lines) throws SQLException {
    Map<List<Object>, Row> profiles = new LinkedHashMap<>();
    Map<List<Object>, Row> posts = new LinkedHashMap<>();
    Map<List<Object>, Row> history = new LinkedHashMap<>();
    for (Line line : lines) {
      String creator = line.creatorId();
      if (creator == null) {
        continue;
      }
      NormalizedRecord r = line.record();
      String platform = r.platform().wireName();
      Timestamp observed = Timestamp.from(r.observedAt());
      switch (r) {
        case ProfileRecord p when p.platformId().equals(creator) -> {
          latest(
              profiles,
              new Row(
                  List.of(platform, creator),
                  r.observedAt(),
                  values(
                      platform, creator, p.handle(), Json.MAPPER.writeValueAsString(p), observed)));
          LocalDate day = p.observedAt().atZone(ZoneOffset.UTC).toLocalDate();
          for (String field : PROFILE_HISTORY) {
            if (RecordContract.value(p, field) instanceof Long n) {
              latest(
                  history,
                  new Row(
                      List.of(platform, creator, field, day),
                      r.observedAt(),
                      values(
                          platform,
                          creator,
                          field,
                          Date.valueOf(day),
                          BigDecimal.valueOf(n),
                          observed)));
            }
          }
        }
        case PostRecord p ->
            latest(
                posts,
                new Row(
                    List.of(platform, creator, p.platformId()),
                    r.observedAt(),
                    values(
                        platform,
                        creator,
                        p.platformId(),
                        p.publishedAt() == null ? null : Timestamp.from(p.publishedAt()),
                        Json.MAPPER.writeValueAsString(p),
                        observed)));
        case MetricRecord m
            when m.subject().equals(MetricRecord.ACCOUNT)
                && m.period().equals("day")
                && m.breakdown().isEmpty()
                && m.value() != null
                && m.platformId().equals(creator) ->
            latest(
                history,
                new Row(
                    List.of(platform, creator, m.metric(), m.endDate()),
                    r.observedAt(),
                    values(
                        platform,
                        creator,
                        m.metric(),
                        Date.valueOf(m.endDate()),
                        m.value(),
                        observed)));
        default -> {}
      }
    }
    upsert(
        c,
        "insert into creator_profiles (platform, creator_id, handle, record, observed_at)"
            + " values (?, ?, ?, ?::jsonb, ?) on conflict (platform, creator_id) do update"
            + " set handle = excluded.handle, record = excluded.record,"
            + " observed_at = excluded.observed_at"
            + " where creator_profiles.observed_at <= excluded.observed_at",
        profiles.values());
    upsert(
        c,
        "insert into creator_posts (platform, creator_id, post_id, published_at, record,"
            + " observed_at) values (?, ?, ?, ?, ?::jsonb, ?)"
            + " on conflict (platform, creator_id, post_id) do update"
            + " set published_at = excluded.published_at, record = excluded.record,"
            + " observed_at = excluded.observed_at"
            + " where creator_posts.observed_at <= excluded.observed_at",
        posts.values());
    upsert(
        c,
        "insert into creator_history (platform, creator_id, metric, day, value, observed_at)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (platform, creator_id, metric, day) do update"
            + " set value = excluded.value, observed_at = excluded.observed_at"
            + " where creator_history.observed_at <= excluded.observed_at",
        history.values());
  }

  private static List<@Nullable Object> values(@Nullable Object... values) {
    return java.util.Arrays.asList(values);
  }

  private static void latest(Map<List<Object>, Row> rows, Row row) {
    rows.merge(row.key(), row, (a, b) -> b.observedAt().isBefore(a.observedAt()) ? a : b);
  }

  private static void upsert(Connection c, String sql, java.util.Collection<Row> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (Row row : rows) {
        for (int i = 0; i < row.values().size(); i++) {
          s.setObject(i + 1, row.values().get(i));
        }
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
