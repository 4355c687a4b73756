package dev.snscollector.api.reports;

import dev.snscollector.api.schedules.ScheduleTicker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's jobs came to: how many, by outcome, how many are not finished, the page types that
 * drifted (a parser to fix, {@code /collector replay} after), and the creators whose token the
 * platforms refused (the platform must ask them to connect again).
 *
 * @param outcomes finished jobs by outcome, most first
 * @param driftByPageType jobs whose document drifted, by the structure schema's page type
 * @param reconnect {@code platform account} of each creator whose account is invalid or needs
 *     re-authorization, at most {@link #MAX_LISTED}
 * @param reconnectCount how many such creators in all
 */
public record RunSummary(
    long jobs,
    Map<String, Long> outcomes,
    long unfinished,
    Map<String, Long> driftByPageType,
    List<String> reconnect,
    long reconnectCount) {
  /** Creators named in one message; the rest are counted. */
  public static final int MAX_LISTED = 20;

  public RunSummary {
    outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    driftByPageType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(driftByPageType));
    reconnect = List.copyOf(reconnect);
  }

  /** The jobs of one schedule tick ({@link ScheduleTicker#jobIdPrefix}). */
  static RunSummary ofTick(Connection c, String scheduleId, Instant tick) throws SQLException {
    String prefix = ScheduleTicker.jobIdPrefix(scheduleId, tick) + "-";
    // A left-anchored LIKE on (schedule_id, job_id text_pattern_ops): the index, not a scan.
    String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return of(
        c,
        "j.schedule_id = ? and j.job_id like ? escape '\\'",
        s -> {
          s.setString(1, scheduleId);
          s.setString(2, pattern);
        });
  }

  /** The jobs of the given batches ({@code POST /v1/jobs/batch} answers' {@code batchId}). */
  static RunSummary ofBatches(Connection c, List<String> batchIds) throws SQLException {
    return of(
        c, "j.batch_id = any(?)", s -> s.setArray(1, c.createArrayOf("text", batchIds.toArray())));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static RunSummary of(Connection c, String where, Binder bind) throws SQLException {
    long jobs = 0;
    long unfinished = 0;
    Map<String, Long> outcomes = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select coalesce(j.outcome, ''), count(*) from jobs j where "
                + where
                + " group by 1 order by 2 desc, 1")) {
      bind.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          jobs += rs.getLong(2);
          if (rs.getString(1).isEmpty()) {
            unfinished += rs.getLong(2);
          } else {
            outcomes.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }
    Map<String, Long> drift = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select j.drift->>'schemaId', count(*) from jobs j where "
                + where
                + " and j.drift is not null group by 1 order by 2 desc, 1")) {
      bind.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          drift.put(String.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    List<String> reconnect = new ArrayList<>();
    long reconnectCount = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "select distinct a.platform, a.account_id from jobs j join accounts a"
                + " on a.platform = j.platform and a.account_id = j.account_id"
                + " where "
                + where
                + " and a.status in ('invalid', 'needs_reauth') order by 1, 2")) {
      bind.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reconnectCount++;
          if (reconnect.size() < MAX_LISTED) {
            reconnect.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
      }
    }
    return new RunSummary(jobs, outcomes, unfinished, drift, reconnect, reconnectCount);
  }

  /**
   * {@code text} for Slack's mrkdwn, where {@code &}, {@code <} and {@code >} are control
   * characters ({@code <!channel>} would notify everyone): escaped as Slack documents.
   */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The Slack message's text (mrkdwn), under {@code title} (already mrkdwn). */
  public String slackText(String title) {
    StringBuilder out = new StringBuilder(title).append(": ").append(jobs).append(" jobs");
    if (unfinished > 0) {
      out.append(", ").append(unfinished).append(" not finished");
    }
    out.append("\n*Outcomes*: ").append(counts(outcomes, "none finished"));
    out.append("\n*Drift by page type*: ").append(counts(driftByPageType, "none"));
    out.append("\n*Creators to reconnect*: ");
    if (reconnectCount == 0) {
      out.append("none");
    } else {
      out.append(reconnectCount).append(" (").append(String.join(", ", reconnect));
      if (reconnectCount > reconnect.size()) {
        out.append(", and ").append(reconnectCount - reconnect.size()).append(" more");
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String counts(Map<String, Long> counts, String none) {
    if (counts.isEmpty()) {
      return none;
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }
}
