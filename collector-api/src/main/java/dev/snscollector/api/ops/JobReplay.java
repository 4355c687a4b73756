package dev.snscollector.api.ops;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.jobs.JobDrafts;
import dev.snscollector.api.jobs.JobStore;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs a finished job again ({@code /collector replay <jobId>}), typically one whose page drifted,
 * once the parser is fixed: a new job with the same platform, kind, target, account and options
 * (its {@code since} included, so the same window is collected), id {@code <jobId>.replay-<n>},
 * through the outbox like any job, with {@code replay_of} naming the original.
 */
public final class JobReplay {
  /** What a replay did, or why it did nothing. */
  public sealed interface Result {
    /** The new job. */
    record Replayed(String jobId, String originalOutcome) implements Result {}

    /** Nothing was run: the job is unknown or not finished. */
    record Refused(String reason) implements Result {}
  }

  private static final int MAX_JOB_ID = 128;

  private final Database db;
  private final JobStore jobs;
  private final Clock clock;
  private final Runnable onAccepted;

  /**
   * @param onAccepted told after a replay was stored (wakes the outbox)
   */
  public JobReplay(Database db, JobStore jobs, Clock clock, Runnable onAccepted) {
    this.db = db;
    this.jobs = jobs;
    this.clock = clock;
    this.onAccepted = onAccepted;
  }

  public Result replay(String jobId) {
    Result result =
        db.transaction(
            "replay " + jobId,
            c -> {
              String message;
              String accountId;
              String state;
              String outcome;
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select message::text, account_id, state, outcome from jobs"
                          + " where job_id = ? for update")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                  if (!rs.next()) {
                    return new Result.Refused("No job " + jobId + ".");
                  }
                  message = rs.getString(1);
                  accountId = rs.getString(2);
                  state = rs.getString(3);
                  outcome = rs.getString(4);
                }
              }
              if (outcome == null) {
                return new Result.Refused(
                    "Job " + jobId + " is " + state + ", not finished: nothing to replay yet.");
              }
              int n;
              try (PreparedStatement s =
                  c.prepareStatement("select count(*) from jobs where replay_of = ?")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  n = rs.getInt(1) + 1;
                }
              }
              String suffix = ".replay-" + n;
              String base =
                  jobId.length() + suffix.length() > MAX_JOB_ID
                      ? jobId.substring(0, MAX_JOB_ID - suffix.length())
                      : jobId;
              String newId = base + suffix;
              JobMessage again = JobCodec.decode(message).withJobId(newId);
              if (jobs.insert(
                      c,
                      List.of(new JobDrafts.Draft(again, accountId, false)),
                      null,
                      null,
                      clock.instant().truncatedTo(ChronoUnit.MICROS))
                  .isEmpty()) {
                return new Result.Refused("Job " + newId + " exists already.");
              }
              try (PreparedStatement s =
                  c.prepareStatement("update jobs set replay_of = ? where job_id = ?")) {
                s.setString(1, jobId);
                s.setString(2, newId);
                s.executeUpdate();
              }
              return new Result.Replayed(newId, outcome);
            });
    if (result instanceof Result.Replayed) {
      onAccepted.run();
    }
    return result;
  }
}
