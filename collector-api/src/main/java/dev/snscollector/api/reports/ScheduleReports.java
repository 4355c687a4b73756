package dev.snscollector.api.reports;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.slack.SlackPoster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
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
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Slack when a schedule's run has finished: one pass claims one fired tick not yet reported
 * whose jobs have all ended (or that is older than {@code giveUpAfter}, reported with what is still
 * running) in a short transaction ({@code FOR UPDATE SKIP LOCKED}: one replica claims it, and marks
 * it reported), then posts its {@link RunSummary} to the channel's incoming webhook outside any
 * transaction. A post Slack refused gives the claim back, so the next pass tries again. Ticks fired
 * more than a day before are never reported (a webhook configured later does not flood the channel
 * with history; the migration marks older ticks reported).
 */
public final class ScheduleReports {
  private static final Logger log = LoggerFactory.getLogger(ScheduleReports.class);
  private static final Duration HISTORY = Duration.ofDays(1);

  /** Unreported ticks looked at per pass, oldest first (ticks still running are passed over). */
  private static final int CANDIDATES = 20;

  private final Database db;
  private final SlackPoster slack;
  private final @Nullable URI webhook;
  private final Duration giveUpAfter;
  private final Clock clock;
  private final Counter posted;
  private final Counter refused;

  /**
   * @param webhook the channel's incoming webhook ({@code SLACK_WEBHOOK_URL}; secret); null reports
   *     nothing (the counters are still exported, at 0)
   * @param giveUpAfter how long after its tick a run is reported even with jobs still unfinished
   */
  public ScheduleReports(
      Database db,
      SlackPoster slack,
      @Nullable URI webhook,
      Duration giveUpAfter,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.slack = slack;
    this.webhook = webhook;
    this.giveUpAfter = giveUpAfter;
    this.clock = clock;
    this.posted = reports(registry, "posted");
    this.refused = reports(registry, "failed");
  }

  private static Counter reports(MeterRegistry registry, String outcome) {
    return Counter.builder("collector_api_slack_reports")
        .description("Schedule run reports posted to Slack, and posts Slack did not take")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Reports one finished run; true when there was one (the caller goes again at once). */
  public boolean reportOnce() {
    URI url = webhook;
    if (url == null) {
      return false;
    }
    Instant now = clock.instant();
    Optional<Claimed> found = db.transaction("claim a schedule run's report", c -> claim(c, now));
    if (found.isEmpty()) {
      return false;
    }
    Claimed claimed = found.get();
    // Posted outside any transaction: no connection waits on Slack. A replica that dies between
    // the claim and the post loses that one report; a refused post gives the claim back.
    if (slack.post(url, Map.of("text", claimed.text()), "schedule report")) {
      posted.increment();
      log.info("schedule {} run of {} reported to Slack", claimed.scheduleId(), claimed.tick());
      return true;
    }
    refused.increment();
    db.execute(
        "give a report's claim back",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update schedule_ticks set reported_at = null"
                      + " where schedule_id = ? and tick_at = ?")) {
            s.setString(1, claimed.scheduleId());
            s.setTimestamp(2, Timestamp.from(claimed.tick()));
            s.executeUpdate();
          }
        });
    return false; // SlackPoster said why; the next pass tries again
  }

  private record Claimed(String scheduleId, Instant tick, String text) {}

  /**
   * Takes the oldest unreported tick whose jobs have all ended (or that fired {@code giveUpAfter}
   * ago), marks it reported and returns its message; empty when there is none. Other replicas skip
   * the ticks being looked at ({@code SKIP LOCKED}).
   */
  private Optional<Claimed> claim(Connection c, Instant now) throws SQLException {
    record Tick(String scheduleId, String name, Instant at, Instant firedAt) {}
    List<Tick> candidates = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select t.schedule_id, coalesce(s.name, t.schedule_id), t.tick_at, t.fired_at"
                + " from schedule_ticks t join schedules s on s.id = t.schedule_id"
                + " where t.reported_at is null and t.job_count > 0 and t.fired_at > ?"
                + " order by t.fired_at limit ? for update of t skip locked")) {
      s.setTimestamp(1, Timestamp.from(now.minus(HISTORY)));
      s.setInt(2, CANDIDATES);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          candidates.add(
              new Tick(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getTimestamp(4).toInstant()));
        }
      }
    }
    for (Tick t : candidates) {
      RunSummary summary = RunSummary.ofTick(c, t.scheduleId(), t.at());
      if (summary.unfinished() > 0 && t.firedAt().isAfter(now.minus(giveUpAfter))) {
        continue; // still running
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "update schedule_ticks set reported_at = ? where schedule_id = ? and tick_at = ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, t.scheduleId());
        s.setTimestamp(3, Timestamp.from(t.at()));
        s.executeUpdate();
      }
      String title =
          "*Schedule "
              + RunSummary.escape(t.name())
              + "* ("
              + t.scheduleId()
              + ") run of "
              + t.at();
      return Optional.of(new Claimed(t.scheduleId(), t.at(), summary.slackText(title)));
    }
    return Optional.empty();
  }
}
