package dev.snscollector.api.creators;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the creator routes answer, from the tables {@link CreatorPartitions} keeps beside the query
 * layout: a creator's latest profile and posts, and one metric's values by day.
 */
public final class CreatorData {
  /** Posts a creator answer lists, newest first. */
  public static final int RECENT_POSTS = 20;

  private final Database db;

  public CreatorData(Database db) {
    this.db = db;
  }

  /**
   * A creator as last collected.
   *
   * @param creatorId the platform's id of the creator
   * @param profile the latest profile record
   * @param posts the latest record of each of their newest posts, newest first
   */
  public record Creator(
      Platform platform,
      String creatorId,
      @Nullable String handle,
      JsonNode profile,
      List<JsonNode> posts) {}

  /** One day's value of a metric. */
  public record Point(LocalDate day, BigDecimal value) {}

  /** A metric's values by day, oldest first. */
  public record History(Platform platform, String creatorId, String metric, List<Point> points) {}

  /** The creator named by their platform id or, failing that, by a handle. */
  public Optional<Creator> find(Platform platform, String idOrHandle) {
    return db.read(
        "read creator",
        c -> {
          Optional<String[]> found = resolve(c, platform, idOrHandle);
          if (found.isEmpty()) {
            return Optional.<Creator>empty();
          }
          String creator = found.get()[0];
          JsonNode profile = Json.MAPPER.readTree(found.get()[2]);
          List<JsonNode> posts = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select record::text from creator_posts where platform = ? and creator_id = ?"
                      + " order by published_at desc nulls last, post_id limit ?")) {
            s.setString(1, platform.wireName());
            s.setString(2, creator);
            s.setInt(3, RECENT_POSTS);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                posts.add(Json.MAPPER.readTree(rs.getString(1)));
              }
            }
          }
          return Optional.of(new Creator(platform, creator, found.get()[1], profile, posts));
        });
  }

  /** A metric's days from {@code since} to {@code until} (inclusive, either may be null). */
  public Optional<History> history(
      Platform platform,
      String idOrHandle,
      String metric,
      @Nullable LocalDate since,
      @Nullable LocalDate until) {
    return db.read(
        "read creator history",
        c -> {
          Optional<String[]> found = resolve(c, platform, idOrHandle);
          if (found.isEmpty()) {
            return Optional.<History>empty();
          }
          String creator = found.get()[0];
          List<Point> points = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select day, value from creator_history where platform = ? and creator_id = ?"
                      + " and metric = ? and day >= coalesce(?, day) and day <= coalesce(?, day)"
                      + " order by day")) {
            s.setString(1, platform.wireName());
            s.setString(2, creator);
            s.setString(3, metric);
            s.setDate(4, since == null ? null : Date.valueOf(since));
            s.setDate(5, until == null ? null : Date.valueOf(until));
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                points.add(new Point(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2)));
              }
            }
          }
          return Optional.of(new History(platform, creator, metric, points));
        });
  }

  /** {creatorId, handle, profile record} of the creator with that id, else with that handle. */
  private static Optional<String[]> resolve(Connection c, Platform platform, String idOrHandle)
      throws SQLException {
    String handle = idOrHandle.startsWith("@") ? idOrHandle.substring(1) : idOrHandle;
    try (PreparedStatement s =
        c.prepareStatement(
            "select creator_id, handle, record::text from creator_profiles where platform = ?"
                + " and (creator_id = ? or lower(handle) = lower(?))"
                + " order by (creator_id = ?) desc, observed_at desc limit 1")) {
      s.setString(1, platform.wireName());
      s.setString(2, idOrHandle);
      s.setString(3, handle);
      s.setString(4, idOrHandle);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            : Optional.empty();
      }
    }
  }
}
