package dev.snscollector.api.webhooks;

import dev.snscollector.api.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due webhooks. A pass claims a few deliveries by pushing their next attempt past a lease
 * ({@code FOR UPDATE SKIP LOCKED}: replicas never send the same one at once; a replica that dies
 * mid-send lets the lease lapse), POSTs each signed body, and records the answer: a 2xx ends it;
 * anything else is retried after {@code base × 2^(attempts-1)} (capped, with jitter) until the
 * attempts run out, when the delivery is {@code failed} and waits for a replay.
 */
public final class WebhookSender {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int CLAIM = 20;

  private final Database db;
  private final URI url;
  private final WebhookSigner signer;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final Duration timeout;
  private final Clock clock;
  private final MeterRegistry registry;
  private final HttpClient http;

  public WebhookSender(
      Database db,
      URI url,
      WebhookSigner signer,
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration timeout,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.url = url;
    this.signer = signer;
    this.maxAttempts = maxAttempts;
    this.backoffBase = backoffBase;
    this.backoffMax = backoffMax;
    this.timeout = timeout;
    this.clock = clock;
    this.registry = registry;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  private record Claimed(long id, String event, String payload, int attempts) {}

  /** One pass; true when it delivered or retried something. */
  public boolean deliverOnce() {
    List<Claimed> claimed = claim();
    if (claimed.isEmpty()) {
      return false;
    }
    List<Future<Boolean>> sends = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Claimed c : claimed) {
        sends.add(
            pool.submit(
                () -> {
                  deliver(c);
                  return true;
                }));
      }
    }
    for (Future<Boolean> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        // The lease lapses and the delivery is tried again.
        log.warn("recording a webhook delivery failed: {}", String.valueOf(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return true;
  }

  private List<Claimed> claim() {
    Instant now = clock.instant();
    return db.transaction(
        "claim webhook deliveries",
        c -> {
          List<Claimed> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_deliveries set next_attempt_at = ?, attempts = attempts + 1"
                      + " where id in (select id from webhook_deliveries"
                      + " where state = 'pending' and next_attempt_at <= ?"
                      + " order by next_attempt_at limit ? for update skip locked)"
                      + " returning id, event, payload, attempts")) {
            s.setTimestamp(1, Timestamp.from(now.plus(timeout).plusSeconds(30)));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, CLAIM);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
              }
            }
          }
          return out;
        });
  }

  private void deliver(Claimed d) {
    long unix = clock.instant().getEpochSecond();
    int status = -1;
    String error = null;
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .header("X-Collector-Event", d.event())
                  .header("X-Collector-Delivery", Long.toString(d.id()))
                  .header(WebhookSigner.HEADER, signer.header(unix, d.payload()))
                  .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    record(d, status, error);
  }

  private void record(Claimed d, int status, @Nullable String error) {
    boolean delivered = status >= 200 && status < 300;
    boolean givenUp = !delivered && d.attempts() >= maxAttempts;
    String outcome = delivered ? "delivered" : givenUp ? "failed" : "retry";
    Instant now = clock.instant();
    db.execute(
        "record webhook delivery",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_deliveries set state = ?, last_status = ?, last_error = ?,"
                      + " next_attempt_at = ?, delivered_at = ? where id = ?")) {
            s.setString(1, delivered ? "delivered" : givenUp ? "failed" : "pending");
            s.setObject(2, status < 0 ? null : status);
            s.setString(3, delivered ? null : error != null ? error : "HTTP " + status);
            s.setTimestamp(
                4, Timestamp.from(delivered || givenUp ? now : now.plus(backoff(d.attempts()))));
            s.setTimestamp(5, delivered ? Timestamp.from(now) : null);
            s.setLong(6, d.id());
            s.executeUpdate();
          }
        });
    registry
        .counter("collector_webhook_deliveries", "event", d.event(), "outcome", outcome)
        .increment();
    if (givenUp) {
      log.warn("webhook {} {} given up after {} attempts", d.id(), d.event(), d.attempts());
    }
  }

  /** Half the exponential delay fixed, half random: retries of many deliveries spread out. */
  Duration backoff(int attempts) {
    long base = backoffBase.toMillis();
    long exp = base << Math.min(attempts - 1, 30);
    long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, backoffMax.toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}
