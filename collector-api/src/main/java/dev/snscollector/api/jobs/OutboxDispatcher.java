package dev.snscollector.api.jobs;

import dev.snscollector.api.db.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends accepted jobs from the outbox to the SQS jobs queue, ten per {@code SendMessageBatch},
 * several calls at once. Each pass locks a slice of the outbox ({@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work), sends it, then deletes the rows and marks the jobs {@code queued} in
 * the same transaction. A crash after the send and before the commit sends those jobs again:
 * workers are idempotent by job id. The creator's sealed token is added to the message here, so a
 * job always carries the token stored when it leaves, not when it was submitted.
 */
public final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** Outbox rows one pass locks and sends. */
  private static final int SLICE = 500;

  /** SendMessageBatch calls in flight at once (ten messages each). */
  private static final int PARALLEL_SENDS = 8;

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

  private record Entry(long id, String jobId, String state, String message) {}

  /** One pass; true when it sent something (so the caller goes again at once). */
  public boolean dispatchOnce() {
    boolean worked =
        db.transaction(
            "dispatch outbox",
            c -> {
              List<Entry> entries = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select o.id, o.job_id, j.state,"
                          + " case when a.sealed_token is null then j.message::text"
                          + " else jsonb_set(j.message, '{account}', jsonb_build_object("
                          + "'accountId', j.account_id, 'sealedToken', a.sealed_token))::text end"
                          + " from outbox o join jobs j on j.job_id = o.job_id"
                          + " left join accounts a on a.platform = j.platform"
                          + " and a.account_id = j.account_id and a.status = 'valid'"
                          + " order by o.id limit ? for update of o skip locked")) {
                s.setInt(1, SLICE);
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    entries.add(
                        new Entry(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                  }
                }
              }
              if (entries.isEmpty()) {
                return false;
              }
              List<Long> done = Collections.synchronizedList(new ArrayList<>());
              Set<String> queued = ConcurrentHashMap.newKeySet();
              List<Entry> toSend = new ArrayList<>();
              for (Entry e : entries) {
                if (e.state().equals("accepted")) {
                  toSend.add(e);
                } else {
                  done.add(e.id()); // cancelled (or finished) before it left: nothing to send
                }
              }
              sendAll(toSend, done, queued);
              Timestamp now = Timestamp.from(clock.instant());
              try (PreparedStatement s =
                  c.prepareStatement("delete from outbox where id = any(?::bigint[])")) {
                s.setArray(1, c.createArrayOf("bigint", done.toArray()));
                s.executeUpdate();
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update jobs set state = 'queued', queued_at = ?, updated_at = ?"
                          + " where job_id = any(?::text[]) and state = 'accepted'")) {
                s.setTimestamp(1, now);
                s.setTimestamp(2, now);
                s.setArray(3, c.createArrayOf("text", queued.toArray()));
                s.executeUpdate();
              }
              sent.increment(queued.size());
              return !queued.isEmpty() || !done.isEmpty();
            });
    measureLag();
    return worked;
  }

  /** Ten per call, {@value #PARALLEL_SENDS} calls at a time; a failed call leaves its rows. */
  private void sendAll(List<Entry> toSend, List<Long> done, Set<String> queued) {
    Semaphore slots = new Semaphore(PARALLEL_SENDS);
    List<Future<?>> calls = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < toSend.size(); i += 10) {
        List<Entry> batch = toSend.subList(i, Math.min(i + 10, toSend.size()));
        calls.add(
            pool.submit(
                () -> {
                  slots.acquireUninterruptibly();
                  try {
                    send(batch, done, queued);
                  } finally {
                    slots.release();
                  }
                }));
      }
    }
    for (Future<?> call : calls) {
      try {
        call.get();
      } catch (ExecutionException e) {
        log.warn(
            "sending to the jobs queue failed; the jobs stay in the outbox: {}",
            String.valueOf(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send(List<Entry> batch, List<Long> done, Set<String> queued) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(batch.get(i).message())
              .build());
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
