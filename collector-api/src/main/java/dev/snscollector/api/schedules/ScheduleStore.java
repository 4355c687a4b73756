package dev.snscollector.api.schedules;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/** The {@code schedules} table. */
public final class ScheduleStore {
  static final String COLUMNS =
      "id, name, cron, time_zone, template::text, targets::text, accounts::text, paused,"
          + " next_tick_at, last_tick_at, created_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Database db;

  public ScheduleStore(Database db) {
    this.db = db;
  }

  void insert(ScheduleView s) {
    db.execute(
        "create schedule",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "insert into schedules (id, name, cron, time_zone, template, targets, accounts,"
                      + " paused, next_tick_at, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, false, ?, ?, ?)")) {
            st.setString(1, s.id());
            st.setString(2, s.name());
            st.setString(3, s.cron());
            st.setString(4, s.timeZone());
            st.setString(5, Json.MAPPER.writeValueAsString(s.job()));
            st.setString(6, Json.MAPPER.writeValueAsString(s.targets()));
            st.setString(7, Json.MAPPER.writeValueAsString(s.accounts()));
            st.setTimestamp(8, Timestamp.from(s.nextTickAt()));
            st.setTimestamp(9, Timestamp.from(s.createdAt()));
            st.setTimestamp(10, Timestamp.from(s.createdAt()));
            st.executeUpdate();
          }
        });
  }

  public Optional<ScheduleView> find(String id) {
    return db.read(
        "read schedule",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select " + COLUMNS + " from schedules where id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
          }
        });
  }

  public List<ScheduleView> list() {
    return db.read(
        "list schedules",
        c -> {
          List<ScheduleView> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select " + COLUMNS + " from schedules order by created_at, id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(view(rs));
            }
          }
          return out;
        });
  }

  public boolean delete(String id) {
    return db.transaction(
        "delete schedule",
        c -> {
          try (PreparedStatement s = c.prepareStatement("delete from schedules where id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Pauses or resumes; a resumed schedule fires from its next tick after {@code next}, not the ones
   * it skipped while paused.
   */
  public Optional<ScheduleView> setPaused(
      String id, boolean paused, @Nullable Instant next, Instant now) {
    return db.transaction(
        "pause schedule",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update schedules set paused = ?, next_tick_at = coalesce(?, next_tick_at),"
                      + " updated_at = ? where id = ? returning "
                      + COLUMNS)) {
            s.setBoolean(1, paused);
            s.setTimestamp(2, next == null ? null : Timestamp.from(next));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
          }
        });
  }

  static ScheduleView view(ResultSet rs) throws SQLException {
    Timestamp last = rs.getTimestamp(10);
    return new ScheduleView(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Json.MAPPER.readTree(rs.getString(5)),
        Json.MAPPER.readValue(rs.getString(6), STRINGS),
        Json.MAPPER.readValue(rs.getString(7), STRINGS),
        rs.getBoolean(8),
        rs.getTimestamp(9).toInstant(),
        last == null ? null : last.toInstant(),
        rs.getTimestamp(11).toInstant());
  }

  /**
   * Locks one due schedule for the caller's transaction; empty when none is due or all are taken.
   */
  static Optional<ScheduleView> lockDue(Connection c, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from schedules where not paused and next_tick_at <= ?"
                + " order by next_tick_at limit 1 for update skip locked")) {
      s.setTimestamp(1, Timestamp.from(now));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }
}
