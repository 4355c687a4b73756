package dev.snscollector.api.results;

import dev.snscollector.api.accounts.AccountRef;
import dev.snscollector.api.accounts.AccountStore;
import dev.snscollector.api.accounts.AccountView;
import dev.snscollector.api.creators.CreatorPartitions;
import dev.snscollector.api.jobs.JobState;
import dev.snscollector.api.jobs.JobStore;
import dev.snscollector.api.jobs.JobView;
import dev.snscollector.api.webhooks.WebhookQueue;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies one result event to the database, in the caller's transaction. The job's row is locked,
 * and the event is kept only if it is newer than what the row holds: more attempts, or as many and
 * a later finish; a worker's {@code cancelled} never replaces a real outcome. So duplicates and
 * out-of-order events change nothing, and a job never moves backwards. The first time a job reaches
 * a final state with a worker's outcome, {@code job.completed} is queued; a route that found the
 * token invalid marks the account invalid and queues {@code token.invalidated}; a job that ended ok
 * with records is queued for the creator partitions ({@link CreatorPartitions}).
 */
public final class ResultApplier {
  /** What became of an event. */
  public enum Applied {
    /** The job took the event's state. */
    UPDATED,
    /** The job already held this or a newer event. */
    STALE,
    /** No such job here (enqueued around the API, or deleted). */
    UNKNOWN_JOB
  }

  private final AccountStore accounts;
  private final WebhookQueue webhooks;

  public ResultApplier(AccountStore accounts, WebhookQueue webhooks) {
    this.accounts = accounts;
    this.webhooks = webhooks;
  }

  private record Current(
      JobState state,
      int attempts,
      @Nullable Instant finishedAt,
      Platform platform,
      @Nullable String accountId,
      @Nullable Instant queuedAt) {}

  public Applied apply(Connection c, ResultEvent e, Instant now) throws SQLException {
    String jobId = e.jobId();
    if (jobId == null) {
      return Applied.UNKNOWN_JOB;
    }
    Optional<Current> found = lock(c, jobId);
    if (found.isEmpty()) {
      return Applied.UNKNOWN_JOB;
    }
    Current current = found.get();
    if (current.accountId() != null && foundTokenInvalid(e)) {
      AccountRef ref = new AccountRef(current.platform(), current.accountId());
      Optional<AccountView> invalidated =
          accounts.invalidate(c, ref, "token_invalid", current.queuedAt());
      if (invalidated.isPresent()) {
        webhooks.enqueue(
            c,
            WebhookQueue.TOKEN_INVALIDATED
                + ":"
                + ref
                + ":"
                + invalidated.get().tokenUpdatedAt().toEpochMilli(),
            WebhookQueue.TOKEN_INVALIDATED,
            Map.of("account", invalidated.get(), "jobId", jobId),
            now);
      }
    }
    if (!newer(e, current)) {
      return Applied.STALE;
    }
    JobState next = JobState.of(e.outcome());
    update(c, jobId, next, e, now);
    if (e.outcome() == Outcome.OK && e.locations() != null && e.locations().records() != null) {
      CreatorPartitions.enqueue(c, jobId, now);
    }
    boolean firstWorkerOutcome =
        !current.state().isFinal()
            || (current.state() == JobState.CANCELLED && next != JobState.CANCELLED);
    if (firstWorkerOutcome && next != JobState.CANCELLED) {
      JobView job = JobStore.find(c, jobId).orElseThrow();
      webhooks.enqueue(
          c,
          WebhookQueue.JOB_COMPLETED + ":" + jobId,
          WebhookQueue.JOB_COMPLETED,
          Map.of("job", job),
          now);
    }
    return Applied.UPDATED;
  }

  private static boolean foundTokenInvalid(ResultEvent e) {
    return e.outcome() == Outcome.TOKEN_INVALID
        || e.routes().stream().anyMatch(r -> r.outcome() == Outcome.TOKEN_INVALID);
  }

  private static boolean newer(ResultEvent e, Current current) {
    if (e.outcome() == Outcome.CANCELLED
        && (current.state() == JobState.SUCCEEDED || current.state() == JobState.FAILED)) {
      return false;
    }
    if (e.attempts() != current.attempts()) {
      return e.attempts() > current.attempts();
    }
    return current.finishedAt() == null || e.timings().finishedAt().isAfter(current.finishedAt());
  }

  private static Optional<Current> lock(Connection c, String jobId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select state, attempts, finished_at, platform, account_id, queued_at from jobs"
                + " where job_id = ? for update")) {
      s.setString(1, jobId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp finished = rs.getTimestamp(3);
        Timestamp queued = rs.getTimestamp(6);
        return Optional.of(
            new Current(
                JobState.fromWireName(rs.getString(1)).orElseThrow(),
                rs.getInt(2),
                finished == null ? null : finished.toInstant(),
                Platform.fromWireName(rs.getString(4)).orElseThrow(),
                rs.getString(5),
                queued == null ? null : queued.toInstant()));
      }
    }
  }

  private static void update(Connection c, String jobId, JobState state, ResultEvent e, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update jobs set state = ?, outcome = ?, detail = ?, attempts = ?, record_count = ?,"
                + " routes = ?::jsonb, records_location = ?, captures_location = ?,"
                + " drift = ?::jsonb, worker_id = ?, received_at = ?, finished_at = ?,"
                + " updated_at = ?, records_range = ? where job_id = ?")) {
      s.setString(1, state.wireName());
      s.setString(2, e.outcome().wireName());
      s.setString(3, e.detail());
      s.setInt(4, e.attempts());
      s.setInt(5, e.recordCount());
      s.setString(6, Json.MAPPER.writeValueAsString(e.routes()));
      s.setString(7, e.locations().records());
      s.setString(8, e.locations().captures());
      s.setString(9, e.drift() == null ? null : Json.MAPPER.writeValueAsString(e.drift()));
      s.setString(10, e.workerId());
      s.setTimestamp(11, Timestamp.from(e.timings().receivedAt()));
      s.setTimestamp(12, Timestamp.from(e.timings().finishedAt()));
      s.setTimestamp(13, Timestamp.from(now));
      s.setString(14, e.locations().recordsRange());
      s.setString(15, jobId);
      s.executeUpdate();
    }
  }
}
