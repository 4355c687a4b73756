package dev.snscollector.api.schedules;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.jobs.JobDrafts;
import dev.snscollector.api.jobs.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules. One pass takes one due schedule with {@code FOR UPDATE SKIP LOCKED} (other
 * replicas take others, or none), inserts the tick into {@code schedule_ticks} (its primary key
 * makes a tick fire once even if two passes ever raced) and the tick's jobs with their outbox rows,
 * and moves the schedule to its next tick, all in one transaction. The tick fired is the latest one
 * due: after downtime a schedule fires once, for its most recent missed tick, not once per miss.
 */
public final class ScheduleTicker {
  private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

  private final Database db;
  private final JobStore jobs;
  private final Clock clock;
  private final Runnable onJobs;
  private final Counter fired;

  public ScheduleTicker(
      Database db, JobStore jobs, Clock clock, MeterRegistry registry, Runnable onJobs) {
    this.db = db;
    this.jobs = jobs;
    this.clock = clock;
    this.onJobs = onJobs;
    this.fired = registry.counter("collector_api_schedule_ticks");
  }

  /**
   * What the ids of a tick's jobs start with: {@code <scheduleId>-<tick's epoch second>}, then
   * {@code -<n>} per target or account. A run report finds the tick's jobs by it.
   */
  public static String jobIdPrefix(String scheduleId, Instant tick) {
    return scheduleId + "-" + tick.getEpochSecond();
  }

  /** Handles one due schedule; true when there was one (so the caller goes again at once). */
  public boolean tickOnce() {
    Instant now = clock.instant();
    Optional<Integer> jobCount =
        db.transaction(
            "fire schedule",
            c -> {
              Optional<ScheduleView> due = ScheduleStore.lockDue(c, now);
              return due.isEmpty()
                  ? Optional.<Integer>empty()
                  : Optional.of(fire(c, due.get(), now));
            });
    if (jobCount.isEmpty()) {
      return false;
    }
    if (jobCount.get() > 0) {
      onJobs.run();
    }
    return true;
  }

  private int fire(Connection c, ScheduleView s, Instant now) throws SQLException {
    CronSchedule cron;
    try {
      cron = CronSchedule.parse(s.cron(), ZoneId.of(s.timeZone()));
    } catch (RuntimeException e) {
      log.warn("schedule {} cannot be read any more ({}); pausing it", s.id(), e.getMessage());
      advance(c, s.id(), true, s.nextTickAt(), s.lastTickAt());
      return 0;
    }
    Instant tick =
        cron.latestAtOrBefore(now).filter(t -> !t.isBefore(s.nextTickAt())).orElse(s.nextTickAt());
    int count = 0;
    if (claimTick(c, s.id(), tick, now)) {
      List<FieldError> errors = new ArrayList<>();
      List<JobDrafts.Draft> drafts =
          ScheduleJobs.drafts(
              s.job(), s.targets(), s.accounts(), jobIdPrefix(s.id(), tick), errors);
      if (!errors.isEmpty()) {
        log.warn(
            "schedule {}: {} of its jobs are not valid any more: {}",
            s.id(),
            errors.size(),
            errors);
      }
      Set<String> inserted =
          jobs.insert(c, drafts, null, s.id(), now.truncatedTo(ChronoUnit.MICROS));
      count = inserted.size();
      try (PreparedStatement st =
          c.prepareStatement(
              "update schedule_ticks set job_count = ? where schedule_id = ? and tick_at = ?")) {
        st.setInt(1, count);
        st.setString(2, s.id());
        st.setTimestamp(3, Timestamp.from(tick));
        st.executeUpdate();
      }
      fired.increment();
    }
    Instant next = cron.next(now).orElse(Instant.parse("9999-12-31T00:00:00Z"));
    advance(c, s.id(), false, next, tick);
    return count;
  }

  private static boolean claimTick(Connection c, String scheduleId, Instant tick, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into schedule_ticks (schedule_id, tick_at, fired_at, job_count)"
                + " values (?, ?, ?, 0) on conflict do nothing")) {
      s.setString(1, scheduleId);
      s.setTimestamp(2, Timestamp.from(tick));
      s.setTimestamp(3, Timestamp.from(now));
      return s.executeUpdate() == 1;
    }
  }

  private void advance(
      Connection c,
      String id,
      boolean pause,
      Instant next,
      @org.jspecify.annotations.Nullable Instant last)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update schedules set paused = paused or ?, next_tick_at = ?, last_tick_at = ?,"
                + " updated_at = ? where id = ?")) {
      s.setBoolean(1, pause);
      s.setTimestamp(2, Timestamp.from(next));
      s.setTimestamp(3, last == null ? null : Timestamp.from(last));
      s.setTimestamp(4, Timestamp.from(clock.instant()));
      s.setString(5, id);
      s.executeUpdate();
    }
  }
}
