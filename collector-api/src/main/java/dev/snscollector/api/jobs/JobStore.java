package dev.snscollector.api.jobs;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The {@code jobs} and {@code outbox} tables: inserting accepted jobs, reading and listing them.
 */
public final class JobStore {
  private static final String COLUMNS =
      "job_id, state, platform, kind, target, account_id, message::text, batch_id, schedule_id,"
          + " submitted_at, queued_at, attempts, outcome, detail, record_count, routes::text,"
          + " records_location, captures_location, drift::text, worker_id, received_at, finished_at,"
          + " records_range, replay_of";

  private static final TypeReference<List<ResultEvent.RouteAttempt>> ROUTES =
      new TypeReference<>() {};

  private final Database db;

  public JobStore(Database db) {
    this.db = db;
  }

  /**
   * Inserts drafts as {@code accepted} jobs, each with its outbox row, in the caller's transaction.
   * A job id that already exists is left alone. An incremental draft gets {@code options.since}:
   * the submission time of the latest job with the same platform, kind and target that ended {@code
   * ok} (a collection started after it was submitted, so nothing published since is missed), or
   * none when there is no such job and the whole history is wanted.
   *
   * @return the ids inserted
   */
  public Set<String> insert(
      Connection c,
      List<JobDrafts.Draft> drafts,
      @Nullable String batchId,
      @Nullable String scheduleId,
      Instant now)
      throws SQLException {
    if (drafts.isEmpty()) {
      return Set.of();
    }
    drafts = withLastSuccess(c, drafts);
    int n = drafts.size();
    String[] ids = new String[n];
    String[] platforms = new String[n];
    String[] kinds = new String[n];
    String[] targets = new String[n];
    @Nullable String[] accounts = new String[n];
    String[] messages = new String[n];
    for (int i = 0; i < n; i++) {
      JobMessage m = drafts.get(i).message();
      ids[i] = m.jobId();
      platforms[i] = m.platform().wireName();
      kinds[i] = m.kind().wireName();
      targets[i] = m.target();
      accounts[i] = drafts.get(i).accountId();
      messages[i] = JobCodec.encode(m);
    }
    Timestamp at = Timestamp.from(now);
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into jobs (job_id, platform, kind, target, account_id, message, state,"
                + " batch_id, schedule_id, submitted_at, updated_at)"
                + " select u.job_id, u.platform, u.kind, u.target, u.account_id, u.message::jsonb,"
                + " 'accepted', ?, ?, ?, ?"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " as u(job_id, platform, kind, target, account_id, message)"
                + " on conflict (job_id) do nothing returning job_id")) {
      s.setString(1, batchId);
      s.setString(2, scheduleId);
      s.setTimestamp(3, at);
      s.setTimestamp(4, at);
      s.setArray(5, c.createArrayOf("text", ids));
      s.setArray(6, c.createArrayOf("text", platforms));
      s.setArray(7, c.createArrayOf("text", kinds));
      s.setArray(8, c.createArrayOf("text", targets));
      s.setArray(9, c.createArrayOf("text", accounts));
      s.setArray(10, c.createArrayOf("text", messages));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    if (!inserted.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into outbox (job_id, created_at) select u, ? from unnest(?::text[]) as u")) {
        s.setTimestamp(1, at);
        s.setArray(2, c.createArrayOf("text", inserted.toArray()));
        s.executeUpdate();
      }
    }
    return inserted;
  }

  private static List<JobDrafts.Draft> withLastSuccess(Connection c, List<JobDrafts.Draft> drafts)
      throws SQLException {
    List<JobDrafts.Draft> incremental =
        drafts.stream().filter(JobDrafts.Draft::incremental).toList();
    if (incremental.isEmpty()) {
      return drafts;
    }
    Map<List<String>, Instant> last = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select u.platform, u.kind, u.target, (select max(j.submitted_at) from jobs j"
                + " where j.platform = u.platform and j.kind = u.kind and j.target = u.target"
                + " and j.state = 'succeeded' and j.outcome = 'ok')"
                + " from unnest(?::text[], ?::text[], ?::text[]) as u(platform, kind, target)")) {
      s.setArray(1, texts(c, incremental, m -> m.platform().wireName()));
      s.setArray(2, texts(c, incremental, m -> m.kind().wireName()));
      s.setArray(3, texts(c, incremental, JobMessage::target));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Timestamp at = rs.getTimestamp(4);
          if (at != null) {
            last.put(List.of(rs.getString(1), rs.getString(2), rs.getString(3)), at.toInstant());
          }
        }
      }
    }
    List<JobDrafts.Draft> out = new ArrayList<>(drafts.size());
    for (JobDrafts.Draft d : drafts) {
      JobMessage m = d.message();
      Instant since =
          d.incremental()
              ? last.get(List.of(m.platform().wireName(), m.kind().wireName(), m.target()))
              : null;
      out.add(since == null ? d : d.withMessage(m.withOptions(m.options().withSince(since))));
    }
    return out;
  }

  private static java.sql.Array texts(
      Connection c, List<JobDrafts.Draft> drafts, Function<JobMessage, String> field)
      throws SQLException {
    return c.createArrayOf("text", drafts.stream().map(d -> field.apply(d.message())).toArray());
  }

  public Optional<JobView> find(String jobId) {
    return db.read("read job", c -> find(c, jobId));
  }

  /** A job as the caller's transaction sees it. */
  public static Optional<JobView> find(Connection c, String jobId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select " + COLUMNS + " from jobs where job_id = ?")) {
      s.setString(1, jobId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  /**
   * What a listing is narrowed to; null fields do not narrow.
   *
   * @param states any of these states; empty means all
   */
  public record Filter(
      Set<JobState> states,
      @Nullable Platform platform,
      @Nullable Instant since,
      @Nullable Instant until,
      @Nullable String batchId,
      @Nullable String scheduleId) {}

  /** One page, newest first, and the cursor of the next one (null on the last page). */
  public record Page(List<JobView> items, @Nullable String nextCursor) {}

  public Page list(Filter filter, @Nullable PageCursor after, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from jobs where true");
    List<Object> params = new ArrayList<>();
    if (!filter.states().isEmpty()) {
      sql.append(" and state = any(?::text[])");
      params.add(filter.states().stream().map(JobState::wireName).toArray(String[]::new));
    }
    if (filter.platform() != null) {
      sql.append(" and platform = ?");
      params.add(filter.platform().wireName());
    }
    if (filter.since() != null) {
      sql.append(" and submitted_at >= ?");
      params.add(Timestamp.from(filter.since()));
    }
    if (filter.until() != null) {
      sql.append(" and submitted_at < ?");
      params.add(Timestamp.from(filter.until()));
    }
    if (filter.batchId() != null) {
      sql.append(" and batch_id = ?");
      params.add(filter.batchId());
    }
    if (filter.scheduleId() != null) {
      sql.append(" and schedule_id = ?");
      params.add(filter.scheduleId());
    }
    if (after != null) {
      sql.append(" and (submitted_at, job_id) < (?, ?)");
      params.add(Timestamp.from(after.submittedAt()));
      params.add(after.jobId());
    }
    sql.append(" order by submitted_at desc, job_id desc limit ?");
    params.add(limit + 1);
    return db.read(
        "list jobs",
        c -> {
          List<JobView> items = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              Object p = params.get(i);
              if (p instanceof String[] array) {
                s.setArray(i + 1, c.createArrayOf("text", array));
              } else {
                s.setObject(i + 1, p);
              }
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                items.add(view(rs));
              }
            }
          }
          if (items.size() <= limit) {
            return new Page(items, null);
          }
          List<JobView> page = items.subList(0, limit);
          JobView last = page.getLast();
          return new Page(
              List.copyOf(page), new PageCursor(last.submittedAt(), last.jobId()).encode());
        });
  }

  private static JobView view(ResultSet rs) throws SQLException {
    JobMessage message = Json.MAPPER.readValue(rs.getString(7), JobMessage.class);
    String routes = rs.getString(16);
    String drift = rs.getString(19);
    String outcome = rs.getString(13);
    Integer recordCount = (Integer) rs.getObject(15);
    return new JobView(
        rs.getString(1),
        JobState.fromWireName(rs.getString(2)).orElseThrow(),
        Platform.fromWireName(rs.getString(3)).orElseThrow(),
        JobKind.fromWireName(rs.getString(4)).orElseThrow(),
        rs.getString(5),
        rs.getString(6),
        message.options(),
        message.metadata(),
        rs.getString(8),
        rs.getString(9),
        rs.getString(24),
        instant(rs, 10),
        instantOrNull(rs, 11),
        rs.getInt(12),
        outcome == null ? null : Outcome.fromWireName(outcome).orElse(null),
        rs.getString(14),
        recordCount,
        routes == null ? List.of() : Json.MAPPER.readValue(routes, ROUTES),
        new ResultEvent.Locations(rs.getString(17), rs.getString(18), rs.getString(23)),
        drift == null ? null : Json.MAPPER.readValue(drift, JsonNode.class),
        rs.getString(20),
        instantOrNull(rs, 21),
        instantOrNull(rs, 22));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }

  static @Nullable Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
