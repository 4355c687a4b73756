package dev.snscollector.api.webhooks;

import dev.snscollector.contracts.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes webhook deliveries in the caller's transaction, so that a notification exists exactly when
 * the change it announces committed. One delivery per event id: a duplicate result event notifies
 * once. When no webhook URL is configured nothing is written.
 */
public final class WebhookQueue {
  public static final String JOB_COMPLETED = "job.completed";
  public static final String TOKEN_INVALIDATED = "token.invalidated";
  public static final String ACCOUNT_NEEDS_REAUTH = "account.needs_reauth";

  private final boolean enabled;

  public WebhookQueue(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Queues {@code {"id", "event", "occurredAt", "data"}} for delivery.
   *
   * @param eventId identifies the event; a second enqueue of the same id does nothing
   */
  public void enqueue(Connection c, String eventId, String event, Object data, Instant now)
      throws SQLException {
    if (!enabled) {
      return;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", eventId);
    payload.put("event", event);
    payload.put("occurredAt", now);
    payload.put("data", data);
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into webhook_deliveries (event_id, event, payload, state, next_attempt_at,"
                + " created_at) values (?, ?, ?, 'pending', ?, ?) on conflict (event_id) do nothing")) {
      s.setString(1, eventId);
      s.setString(2, event);
      s.setString(3, Json.MAPPER.writeValueAsString(payload));
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(now));
      s.executeUpdate();
    }
  }
}
