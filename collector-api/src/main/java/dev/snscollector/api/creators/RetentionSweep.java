package dev.snscollector.api.creators;

import dev.snscollector.api.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps what the service holds about creators no longer than the retention settings say: jobs
 * finished longer ago than {@code jobs} go with their S3 objects (their captures and records), a
 * thousand per pass, objects first; webhook deliveries no longer pending go after {@code
 * webhookDeliveries}; the creator tables' rows observed before the jobs' cutoff go with them. A
 * null setting keeps that kind forever. The bucket's lifecycle rule (deploy/s3/lifecycle.json)
 * expires objects a little later than the jobs they belong to, for objects whose row went another
 * way.
 */
public final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final int BATCH = 1000;

  /**
   * @param jobs how long a finished job and its objects are kept ({@code RETENTION_JOB_DAYS},
   *     default 180; 0 keeps them)
   * @param webhookDeliveries how long a delivered or failed webhook delivery is kept ({@code
   *     RETENTION_WEBHOOK_DAYS}, default 30; 0 keeps them)
   * @param every how often a replica sweeps ({@code RETENTION_SWEEP_SECONDS}, default 3600)
   */
  public record Settings(
      @Nullable Duration jobs, @Nullable Duration webhookDeliveries, Duration every) {}

  private final Database db;
  private final JobObjectDeletion objects;
  private final Settings settings;
  private final Clock clock;
  private final MeterRegistry registry;

  public RetentionSweep(
      Database db,
      S3Client s3,
      String bucket,
      Settings settings,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.objects = new JobObjectDeletion(s3, bucket);
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
  }

  /** One pass; true when it deleted a full batch of jobs (the loop goes again at once). */
  public boolean sweepOnce() {
    Instant now = clock.instant();
    boolean more = false;
    Duration jobs = settings.jobs();
    if (jobs != null) {
      more = sweepJobs(Timestamp.from(now.minus(jobs)));
      sweepCreatorData(Timestamp.from(now.minus(jobs)));
    }
    Duration deliveries = settings.webhookDeliveries();
    if (deliveries != null) {
      int n =
          db.transaction(
              "sweep webhook deliveries",
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "delete from webhook_deliveries where state <> 'pending'"
                            + " and created_at < ?")) {
                  s.setTimestamp(1, Timestamp.from(now.minus(deliveries)));
                  return s.executeUpdate();
                }
              });
      registry
          .counter("collector_api_retention_deleted_total", "kind", "webhook_delivery")
          .increment(n);
    }
    return more;
  }

  /**
   * The creator tables' rows observed before the cutoff, and the notes of partition objects of days
   * before it (the bucket's lifecycle rule expires the objects themselves).
   */
  private void sweepCreatorData(Timestamp before) {
    int n =
        db.transaction(
            "sweep creator data",
            c -> {
              int deleted = 0;
              for (String table : List.of("creator_profiles", "creator_posts", "creator_history")) {
                try (PreparedStatement s =
                    c.prepareStatement("delete from " + table + " where observed_at < ?")) {
                  s.setTimestamp(1, before);
                  deleted += s.executeUpdate();
                }
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "delete from creator_objects"
                          + " where substring(object_key from 'dt=([0-9-]{10})')::date < ?::date")) {
                s.setTimestamp(1, before);
                s.executeUpdate();
              }
              return deleted;
            });
    registry.counter("collector_api_retention_deleted_total", "kind", "creator_row").increment(n);
  }

  private boolean sweepJobs(Timestamp before) {
    List<JobObjectDeletion.Job> old =
        db.read(
            "find expired jobs",
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select "
                          + JobObjectDeletion.COLUMNS
                          + " from jobs where finished_at < ? order by finished_at limit ?")) {
                s.setTimestamp(1, before);
                s.setInt(2, BATCH);
                return JobObjectDeletion.read(s);
              }
            });
    if (old.isEmpty()) {
      return false;
    }
    int deletedObjects = objects.delete(old);
    int deletedJobs =
        db.transaction(
            "delete expired jobs",
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "delete from jobs where job_id = any(?) and finished_at < ?")) {
                s.setArray(
                    1,
                    c.createArrayOf("text", old.stream().map(JobObjectDeletion.Job::id).toArray()));
                s.setTimestamp(2, before);
                return s.executeUpdate();
              }
            });
    registry.counter("collector_api_retention_deleted_total", "kind", "job").increment(deletedJobs);
    registry
        .counter("collector_api_retention_deleted_total", "kind", "object")
        .increment(deletedObjects);
    log.info(
        "retention: {} jobs and {} objects past their time deleted", deletedJobs, deletedObjects);
    return old.size() == BATCH;
  }
}
