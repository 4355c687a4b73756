package dev.snscollector.api.jobs;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.JobCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends accepted jobs from the outbox to the SQS jobs queue, one {@code SendMessageBatch} of ten
 * per transaction: a batch's rows are locked ({@code FOR NO KEY UPDATE SKIP LOCKED}, so replicas
 * share the work), sent, deleted and their jobs marked {@code queued}, and committed before the
 * next batch is locked. A replica killed between a send and its commit sends that one batch again,
 * never more; a worker that gets a resent job whose result exists skips it (below). Replicas send
 * in parallel, each one batch at a time. The creator's sealed token is added to the message here,
 * so a job always carries the token stored when it leaves, not when it was submitted.
 *
 * <p>Before a batch is sent, its rows are written to {@code outbox_send_attempts} on a connection
 * of their own. A row found there when it is locked again may have been sent by a replica that died
 * before its commit: its message goes with the {@link JobCodec#RESENT_ATTRIBUTE} attribute, and a
 * worker that gets a job so marked skips it when the job's result object already exists. That check
 * is the only request this costs, and only resent jobs pay it.
 */
public final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** Messages in one {@code SendMessageBatch}: SQS's limit. */
  static final int BATCH = 10;

  /** Batches one pass sends before it yields to the loop (which goes again at once). */
  private static final int BATCHES_PER_PASS = 50;

  private final Database db;
  private final SqsClient sqs;
  private final String jobsQueueUrl;
  private final Clock clock;
  private final Counter sent;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong lagMillis = new AtomicLong();

  public OutboxDispatcher(
      Database db, SqsClient sqs, String jobsQueueUrl, Clock clock, MeterRegistry registry) {
    this.db = db;
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
    this.clock = clock;
    this.sent = registry.counter("collector_api_outbox_sent");
    Gauge.builder("collector_api_outbox_pending", pending, AtomicLong::get)
        .description("jobs accepted and not yet sent to the jobs queue")
        .register(registry);
    Gauge.builder("collector_api_outbox_lag_seconds", lagMillis, m -> m.get() / 1000.0)
        .description("age of the oldest job waiting in the outbox")
        .register(registry);
  }

  private record Entry(long id, String jobId, String state, String message, boolean resent) {}

  /** What one batch's transaction did. */
  private record Batch(int locked, boolean sendFailed) {}

  /** One pass; true when it sent something (so the caller goes again at once). */
  public boolean dispatchOnce() {
    boolean worked = false;
    for (int i = 0; i < BATCHES_PER_PASS; i++) {
      Batch batch = db.transaction("dispatch an outbox batch", this::dispatchBatch);
      if (batch.locked() == 0 || batch.sendFailed()) {
        break; // the outbox is empty, or SQS is failing and the rows wait for the next pass
      }
      worked = true;
    }
    measureLag();
    return worked;
  }

  private Batch dispatchBatch(Connection c) throws SQLException {
    List<Entry> entries = new ArrayList<>(BATCH);
    try (PreparedStatement s =
        c.prepareStatement(
            "select o.id, o.job_id, j.state,"
                + " case when a.sealed_token is null then j.message::text"
                + " else jsonb_set(j.message, '{account}', jsonb_build_object("
                + "'accountId', j.account_id, 'sealedToken', a.sealed_token))::text end,"
                + " exists (select 1 from outbox_send_attempts t where t.outbox_id = o.id)"
                + " from outbox o join jobs j on j.job_id = o.job_id"
                + " left join accounts a on a.platform = j.platform"
                + " and a.account_id = j.account_id and a.status = 'valid'"
                + " order by o.id limit ? for no key update of o skip locked")) {
      s.setInt(1, BATCH);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new Entry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5)));
        }
      }
    }
    if (entries.isEmpty()) {
      return new Batch(0, false);
    }
    List<Long> done = new ArrayList<>();
    List<Entry> toSend = new ArrayList<>();
    for (Entry e : entries) {
      if (e.state().equals("accepted")) {
        toSend.add(e);
      } else {
        done.add(e.id()); // cancelled (or finished) before it left: nothing to send
      }
    }
    List<String> queued = new ArrayList<>();
    boolean failed = false;
    if (!toSend.isEmpty()) {
      // The mark commits before the send, on a connection of its own: a batch that went out is
      // marked, so its resend is too. Without a foreign key it costs no lock on the rows this
      // transaction holds (measured: no loss against no mark at all).
      recordAttempt(toSend);
      try {
        send(toSend, done, queued);
      } catch (RuntimeException e) {
        failed = true;
        log.warn("sending to the jobs queue failed; the jobs stay in the outbox: {}", e.toString());
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement s =
        c.prepareStatement(
            "with sent as (delete from outbox where id = any(?::bigint[]) returning id)"
                + " delete from outbox_send_attempts where outbox_id in (select id from sent)")) {
      s.setArray(1, c.createArrayOf("bigint", done.toArray()));
      s.executeUpdate();
    }
    if (!queued.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update jobs set state = 'queued', queued_at = ?, updated_at = ?"
                  + " where job_id = any(?::text[]) and state = 'accepted'")) {
        s.setTimestamp(1, now);
        s.setTimestamp(2, now);
        s.setArray(3, c.createArrayOf("text", queued.toArray()));
        s.executeUpdate();
      }
    }
    sent.increment(queued.size());
    return new Batch(entries.size(), failed);
  }

  /**
   * Commits, apart from the batch's own transaction, that these rows are being sent: should that
   * transaction never commit, the next send of a row knows it may be a second one. One statement in
   * auto-commit; a failure only costs the mark.
   */
  private void recordAttempt(List<Entry> batch) {
    Long[] ids = batch.stream().filter(e -> !e.resent()).map(Entry::id).toArray(Long[]::new);
    if (ids.length == 0) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    try {
      db.read(
          "record an outbox send attempt",
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "insert into outbox_send_attempts (outbox_id, at)"
                        + " select unnest(?::bigint[]), ? on conflict do nothing")) {
              s.setArray(1, c.createArrayOf("bigint", ids));
              s.setTimestamp(2, now);
              return s.executeUpdate();
            }
          });
    } catch (RuntimeException e) {
      log.warn(
          "could not mark an outbox batch as being sent (a resend would go unmarked): {}",
          e.toString());
    }
  }

  /** One {@code SendMessageBatch}; an entry SQS refuses stays in the outbox. */
  private void send(List<Entry> batch, List<Long> done, List<String> queued) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      SendMessageBatchRequestEntry.Builder entry =
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(batch.get(i).message());
      if (batch.get(i).resent()) {
        entry.messageAttributes(
            Map.of(
                JobCodec.RESENT_ATTRIBUTE,
                MessageAttributeValue.builder().dataType("String").stringValue("true").build()));
      }
      entries.add(entry.build());
    }
    SendMessageBatchResponse response =
        sqs.sendMessageBatch(r -> r.queueUrl(jobsQueueUrl).entries(entries));
    response
        .successful()
        .forEach(
            ok -> {
              Entry e = batch.get(Integer.parseInt(ok.id()));
              done.add(e.id());
              queued.add(e.jobId());
            });
    response
        .failed()
        .forEach(
            err ->
                log.warn(
                    "SQS refused job {}: {} {}; it stays in the outbox",
                    batch.get(Integer.parseInt(err.id())).jobId(),
                    err.code(),
                    err.message()));
  }

  private void measureLag() {
    db.read(
        "measure outbox",
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("select count(*), min(created_at) from outbox");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            pending.set(rs.getLong(1));
            Timestamp oldest = rs.getTimestamp(2);
            lagMillis.set(
                oldest == null
                    ? 0
                    : Math.max(
                        0, Duration.between(oldest.toInstant(), clock.instant()).toMillis()));
            return rs.getLong(1);
          }
        });
  }

  /** How many jobs wait in the outbox now (the benchmark waits for zero). */
  public long pending() {
    measureLag();
    return pending.get();
  }
}
