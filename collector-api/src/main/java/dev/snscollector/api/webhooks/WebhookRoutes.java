package dev.snscollector.api.webhooks;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Json;
import io.javalin.http.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code /v1/webhooks/deliveries}: the delivery log, newest first, and replaying one. */
public final class WebhookRoutes {
  private static final Set<String> STATES = Set.of("pending", "delivered", "failed");
  private static final String COLUMNS =
      "id, event_id, event, state, attempts, last_status, last_error, next_attempt_at,"
          + " created_at, delivered_at, payload";

  private final Database db;
  private final Clock clock;

  public WebhookRoutes(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * One delivery as listed.
   *
   * @param id the delivery's id (also sent as {@code X-Collector-Delivery})
   * @param eventId the event's id (also the payload's {@code id})
   * @param event {@code job.completed} or {@code token.invalidated}
   * @param state pending, delivered or failed (gave up; replay to try again)
   * @param attempts requests made
   * @param lastStatus the receiver's last HTTP status
   * @param lastError the last failure
   * @param nextAttemptAt when a pending delivery is tried next
   * @param payload the body that is sent
   */
  public record Delivery(
      long id,
      String eventId,
      String event,
      String state,
      int attempts,
      @Nullable Integer lastStatus,
      @Nullable String lastError,
      Instant nextAttemptAt,
      Instant createdAt,
      @Nullable Instant deliveredAt,
      JsonNode payload) {}

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/webhooks/deliveries", Scope.WEBHOOKS_READ, (ctx, caller) -> list(ctx)),
        Route.post(
            "/v1/webhooks/deliveries/{id}/replay",
            Scope.WEBHOOKS_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 202, replay(id(ctx)))));
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ProblemException(ProblemType.NOT_FOUND, "no delivery " + ctx.pathParam("id"));
    }
  }

  private Delivery replay(long id) {
    return db.transaction(
            "replay webhook",
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update webhook_deliveries set state = 'pending', attempts = 0,"
                          + " next_attempt_at = ?, delivered_at = null where id = ?"
                          + " returning "
                          + COLUMNS)) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, id);
                try (ResultSet rs = s.executeQuery()) {
                  return rs.next() ? Optional.of(delivery(rs)) : Optional.<Delivery>empty();
                }
              }
            })
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no delivery " + id));
  }

  private void list(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    String state = Bodies.query(ctx, "state");
    if (state != null && !STATES.contains(state)) {
      errors.add(new FieldError("query:state", "one of pending, delivered, failed"));
    }
    long before = Long.MAX_VALUE;
    String cursor = Bodies.query(ctx, "cursor");
    try {
      if (cursor != null) {
        before = Long.parseLong(cursor);
      }
    } catch (NumberFormatException e) {
      errors.add(new FieldError("query:cursor", "not a cursor this service handed out"));
    }
    int limit = Bodies.limit(ctx, errors, 100);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "the listing parameters are not valid", errors);
    }
    long from = before;
    int max = limit;
    List<Delivery> items =
        db.read(
            "list webhook deliveries",
            c -> {
              List<Delivery> out = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select "
                          + COLUMNS
                          + " from webhook_deliveries"
                          + " where id < ? and (?::text is null or state = ?::text)"
                          + " order by id desc limit ?")) {
                s.setLong(1, from);
                s.setString(2, state);
                s.setString(3, state);
                s.setInt(4, max + 1);
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    out.add(delivery(rs));
                  }
                }
              }
              return out;
            });
    String next = null;
    if (items.size() > limit) {
      items = items.subList(0, limit);
      next = Long.toString(items.getLast().id());
    }
    Map<String, Object> page = new java.util.LinkedHashMap<>();
    page.put("items", items);
    page.put("nextCursor", next);
    Bodies.json(ctx, 200, page);
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    Timestamp delivered = rs.getTimestamp(10);
    return new Delivery(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        (Integer) rs.getObject(6),
        rs.getString(7),
        rs.getTimestamp(8).toInstant(),
        rs.getTimestamp(9).toInstant(),
        delivered == null ? null : delivered.toInstant(),
        Json.MAPPER.readTree(rs.getString(11)));
  }
}
