package dev.snscollector.api.jobs;

import dev.snscollector.api.db.Database;
import dev.snscollector.capture.CancelledJobs;
import dev.snscollector.capture.S3Layout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The cancelled-jobs list workers poll ({@link S3Layout#cancelledJobsKey()}, ADR 0007): every job
 * cancelled after it was sent to the jobs queue, within {@code keep}, that no worker has reported
 * on yet. It is rewritten whole from the database, never edited: on every cancel, inside the
 * cancel's transaction, and by each replica's {@link #refresh} pass, which drops the jobs workers
 * have since reported on.
 *
 * <p>Writers take a PostgreSQL advisory lock for the transaction first, so the snapshot each writes
 * includes every cancel committed before it, and writes land in snapshot order: a later write never
 * loses an earlier cancel. The price is that cancels are serialized fleet-wide for the time of one
 * PUT.
 */
public final class CancelledJobsList {
  private static final Logger log = LoggerFactory.getLogger(CancelledJobsList.class);

  /** The advisory lock's key: any constant no other code uses ("cnclist" in ASCII). */
  private static final long LOCK = 0x636e636c697374L;

  private final Database db;
  private final S3Client s3;
  private final String bucket;
  private final Duration keep;
  private final Clock clock;

  /**
   * @param keep how long a cancelled job that no worker reported on stays listed: at least the jobs
   *     queue's message retention, after which SQS has dropped the message anyway
   */
  public CancelledJobsList(Database db, S3Client s3, String bucket, Duration keep, Clock clock) {
    this.db = db;
    this.s3 = s3;
    this.bucket = bucket;
    this.keep = keep;
    this.clock = clock;
  }

  /**
   * Writes the list as the caller's transaction sees it, its own uncommitted cancel included. The
   * transaction holds the list's advisory lock from here until it ends.
   *
   * @throws SQLException when the database fails
   * @throws RuntimeException when S3 fails: the caller's transaction must roll back, as nothing
   *     told the workers
   */
  public void publish(Connection c) throws SQLException {
    Database.lockForTransaction(c, LOCK);
    put(snapshot(c));
  }

  /**
   * One pass of a replica's refresh loop: rewrites the list when the database says otherwise than
   * S3 (jobs reported on since, or a cancel whose write failed after its commit). Returns false:
   * the loop waits a full interval between passes.
   */
  public boolean refresh() {
    db.transaction(
        "refresh the cancelled-jobs list",
        c -> {
          Database.lockForTransaction(c, LOCK);
          List<String> now = snapshot(c);
          boolean same;
          try {
            same =
                CancelledJobs.sorted(
                        s3.getObjectAsBytes(r -> r.bucket(bucket).key(S3Layout.cancelledJobsKey()))
                            .asByteArray())
                    .equals(now);
          } catch (NoSuchKeyException e) {
            same = now.isEmpty(); // no list and nothing to list
          } catch (IllegalArgumentException e) {
            same = false; // not a list: replace it
          }
          if (!same) {
            put(now);
            log.info("cancelled-jobs list rewritten: {} jobs", now.size());
          }
          return Boolean.TRUE;
        });
    return false;
  }

  private List<String> snapshot(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select job_id from jobs where state = 'cancelled' and queued_at is not null"
                + " and worker_id is null and finished_at > ? order by job_id")) {
      s.setTimestamp(1, Timestamp.from(clock.instant().minus(keep)));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private void put(List<String> ids) {
    Instant now = clock.instant();
    s3.putObject(
        r ->
            r.bucket(bucket)
                .key(S3Layout.cancelledJobsKey())
                // The bytes are gzip JSON; no Content-Encoding, so no HTTP layer unzips them.
                .contentType("application/gzip"),
        RequestBody.fromBytes(CancelledJobs.encode(now, Set.copyOf(ids))));
  }
}
