package dev.snscollector.worker;

import dev.snscollector.contracts.InvalidJobException;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.queue.QueuedMessage;
import dev.snscollector.worker.queue.ResultPublisher;
import dev.snscollector.worker.queue.SqsJobQueue;
import dev.snscollector.worker.route.RouteUnavailableException;
import dev.snscollector.worker.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one delivered message to its end, in this order: decode → skip it if the platform cancelled
 * it → collect → write the job's one S3 object (captures and records) → publish the result event →
 * delete the message. Each outcome alone decides what happens to the message:
 *
 * <ul>
 *   <li>invalid job: to the dead-letter queue with the reason, and a result event says why;
 *   <li>any answer from the platform (ok, not found, private, drift, walls, token invalid): stored,
 *       published, deleted;
 *   <li>transient failure: hidden again for a backoff delay; on the queue's last receive the
 *       failure becomes final (result event {@code internal}) and the message is left for the
 *       redrive policy to move to the dead-letter queue.
 * </ul>
 */
public final class JobHandler {
  private static final Logger log = LoggerFactory.getLogger(JobHandler.class);

  private final WorkerConfig config;
  private final SqsJobQueue queue;
  private final ResultPublisher results;
  private final JobStore store;
  private final JobSecrets secrets;
  private final Collector collectors;
  private final WorkerMetrics metrics;
  private final Clock clock;
  private volatile boolean stopping;

  public JobHandler(
      WorkerConfig config,
      SqsJobQueue queue,
      ResultPublisher results,
      JobStore store,
      JobSecrets secrets,
      Collector collectors,
      WorkerMetrics metrics,
      Clock clock) {
    this.config = config;
    this.queue = queue;
    this.results = results;
    this.store = store;
    this.secrets = secrets;
    this.collectors = collectors;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The worker is stopping and interrupts its jobs: from now on a job that fails gives its message
   * back to the queue at once (visible now, for another worker) instead of deferring it or hiding
   * it for a retry delay. Its failure was the interrupt, not the platform's.
   */
  void stopping() {
    stopping = true;
  }

  /** Handles one message; never throws for anything the message or the platform did. */
  public void handle(QueuedMessage message) {
    JobMessage job;
    try {
      job = JobCodec.decode(message.body());
    } catch (InvalidJobException e) {
      rejectInvalid(message, e);
      return;
    }
    MDC.put("jobId", job.jobId());
    metrics.queueLag(message);
    try {
      if (store.cancelled(job.jobId())) {
        skipCancelled(message, job);
        return;
      }
      if (message.resent() && store.resultExists(job.jobId())) {
        skipResent(message, job);
        return;
      }
      run(message, job);
    } catch (RouteUnavailableException e) {
      defer(message, job, e);
    } catch (TransientFetchException e) {
      retryOrGiveUp(message, job, "origin failed: " + e.getMessage());
    } catch (RuntimeException e) {
      // A bug or an outage of S3/SQS: the message comes back; a failure on the last receive is
      // reported as internal so the job still ends with an outcome.
      log.warn(
          "job {} failed on receive {}: {}", job.jobId(), message.receiveCount(), e.toString());
      retryOrGiveUp(message, job, "internal error: " + e.getClass().getSimpleName());
    } finally {
      MDC.remove("jobId");
    }
  }

  private void run(QueuedMessage message, JobMessage job) {
    Collection collection = collectors.collect(job);
    metrics.routeAttempts(job.platform(), collection.routes());
    Duration wait = rateLimitWait(message, collection);
    if (wait != null) {
      throw new RouteUnavailableException(
          "rate limited on every route; tried again in " + wait.toSeconds() + " s",
          "rate_limited",
          wait);
    }
    Instant storeStart = clock.instant();
    // A drift ends the collection, so the last capture is the document that drifted.
    String driftedPageType =
        collection.drift() == null || collection.captures().isEmpty()
            ? null
            : collection.captures().getLast().pageType();
    boolean ok = collection.outcome() == Outcome.OK;
    // One object per job (ADR 0007): the captures, and the records when the job succeeded.
    ResultEvent.Locations locations =
        store.put(
            job.jobId(),
            collection.captures(),
            ok ? collection.records() : null,
            driftedPageType,
            secrets.of(job));
    if (!locations.equals(ResultEvent.Locations.NONE)) {
      metrics.s3Write("job", Duration.between(storeStart, clock.instant()));
    }
    if (ok) {
      metrics.recordValues(collection.records());
    }
    long storeMillis = Duration.between(storeStart, clock.instant()).toMillis();
    publish(
        message,
        job,
        collection.outcome(),
        collection.detail(),
        collection,
        locations,
        storeMillis);
    queue.delete(message);
    metrics.jobFinished(
        job.platform(), collection.outcome(), message.receivedAt(), clock.instant());
    if (driftedPageType != null) {
      metrics.drift(driftedPageType);
    }
  }

  /**
   * How long to wait before a rate-limited job runs again, or null when its {@code rate_limited} is
   * final: it was put back {@link RoutesConfig#rateLimitRetries()} times already, or the platform
   * asked for longer than a queue delay can hold (a quota that resets tomorrow).
   */
  private @Nullable Duration rateLimitWait(QueuedMessage message, Collection collection) {
    RoutesConfig routes = config.routes();
    if (collection.outcome() != Outcome.RATE_LIMITED
        || message.deferrals() >= routes.rateLimitRetries()) {
      return null;
    }
    Long asked =
        collection.routes().stream()
            .map(ResultEvent.RouteAttempt::retryAfterSeconds)
            .filter(Objects::nonNull)
            .max(Long::compare)
            .orElse(null);
    Duration wait = asked == null ? routes.deferWhenNoProxy() : Duration.ofSeconds(asked);
    return wait.compareTo(SqsJobQueue.MAX_DELAY) > 0 ? null : wait;
  }

  /** The platform cancelled the job before it ran: say so, write nothing, delete the message. */
  private void skipCancelled(QueuedMessage message, JobMessage job) {
    log.info("job {} was cancelled; skipped", job.jobId());
    publish(
        message,
        job,
        Outcome.CANCELLED,
        "cancelled by the platform before it ran",
        null,
        ResultEvent.Locations.NONE,
        0);
    queue.delete(message);
    metrics.jobFinished(job.platform(), Outcome.CANCELLED, message.receivedAt(), clock.instant());
  }

  /**
   * The API sent this job twice and its first copy already ran: its result object exists and its
   * result event went out with that copy (or will, when its message comes back after its worker
   * died), so this copy is dropped without running and without a second event.
   */
  private void skipResent(QueuedMessage message, JobMessage job) {
    log.info("job {} was sent twice and its result exists; this copy skipped", job.jobId());
    queue.delete(message);
    metrics.resentSkipped();
  }

  /**
   * The job cannot run now (no proxy is healthy for its site, or every route it could take is open
   * in its circuit breaker): it goes back on the queue for later as a fresh message, without
   * spending one of its receives, so a long outage never fails a job.
   */
  private void defer(QueuedMessage message, JobMessage job, RouteUnavailableException e) {
    if (stopping) {
      giveBack(message, job);
      return;
    }
    Duration delay = e.waitHint() == null ? config.routes().deferWhenNoProxy() : e.waitHint();
    log.info(
        "job {} deferred {} s (deferral {}): {}",
        job.jobId(),
        delay.toSeconds(),
        message.deferrals() + 1,
        e.getMessage());
    try {
      queue.defer(message, delay);
      metrics.deferred(e.reason());
    } catch (RuntimeException sqsFailure) {
      // Not put back: release this delivery instead; it spends a receive but is not lost.
      log.warn("could not defer job {}: {}", job.jobId(), sqsFailure.toString());
      changeVisibilityQuietly(message, delay);
    }
  }

  private void retryOrGiveUp(QueuedMessage message, JobMessage job, String reason) {
    if (stopping) {
      giveBack(message, job);
      return;
    }
    if (message.receiveCount() >= config.maxReceives()) {
      log.warn(
          "job {} gives up after {} receives: {}", job.jobId(), message.receiveCount(), reason);
      publish(message, job, Outcome.INTERNAL, reason, null, ResultEvent.Locations.NONE, 0);
      metrics.jobFinished(job.platform(), Outcome.INTERNAL, message.receivedAt(), clock.instant());
      // Left on the queue, visible at once: the next receive exceeds maxReceiveCount and the
      // redrive policy moves it to the dead-letter queue with its history.
      changeVisibilityQuietly(message, Duration.ZERO);
      return;
    }
    Duration delay = config.retryDelay(message.receiveCount());
    log.info(
        "job {} retries in {} s (receive {}): {}",
        job.jobId(),
        delay.toSeconds(),
        message.receiveCount(),
        reason);
    metrics.retry(job.platform());
    changeVisibilityQuietly(message, delay);
  }

  /** Stopped, not failed: the message is visible again at once, its receive not held against it. */
  private void giveBack(QueuedMessage message, JobMessage job) {
    // A call the interrupt aborted left the flag set; the release must still go out.
    boolean interrupted = Thread.interrupted();
    log.info("job {} stopped with the worker; its message goes back to the queue", job.jobId());
    changeVisibilityQuietly(message, Duration.ZERO);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void changeVisibilityQuietly(QueuedMessage message, Duration delay) {
    try {
      queue.changeVisibility(message, delay);
    } catch (RuntimeException e) {
      // The message reappears when its current visibility runs out: nothing is lost.
      log.warn("could not change visibility of {}: {}", message.messageId(), e.toString());
    }
  }

  private void rejectInvalid(QueuedMessage message, InvalidJobException e) {
    String reason = e.getMessage() == null ? "invalid job" : e.getMessage();
    log.warn("message {} is not a runnable job: {}", message.messageId(), reason);
    try {
      queue.deadLetter(message, reason);
    } catch (RuntimeException sqsFailure) {
      log.warn("could not dead-letter {}: {}", message.messageId(), sqsFailure.toString());
      return; // it will be received again and rejected again
    }
    ResultEvent event =
        new ResultEvent(
            ResultEvent.SCHEMA_VERSION,
            e.jobId(),
            message.messageId(),
            null,
            null,
            ResultEvent.Status.FAILED,
            Outcome.INVALID_JOB,
            reason,
            List.of(),
            0,
            ResultEvent.Locations.NONE,
            null,
            new ResultEvent.Timings(message.receivedAt(), clock.instant(), 0, 0),
            message.receiveCount(),
            config.workerId(),
            Map.of());
    try {
      results.publish(event);
    } catch (RuntimeException publishFailure) {
      log.warn(
          "could not publish the rejection of {}: {}",
          message.messageId(),
          publishFailure.toString());
    }
    metrics.invalidJob();
  }

  private void publish(
      QueuedMessage message,
      JobMessage job,
      Outcome outcome,
      @Nullable String detail,
      @Nullable Collection collection,
      ResultEvent.Locations locations,
      long storeMillis) {
    ResultEvent event =
        new ResultEvent(
            ResultEvent.SCHEMA_VERSION,
            job.jobId(),
            message.messageId(),
            job.platform(),
            job.kind(),
            ResultEvent.Status.of(outcome),
            outcome,
            outcome == Outcome.OK ? null : detail,
            collection == null ? List.of() : collection.routes(),
            collection == null || outcome != Outcome.OK ? 0 : collection.records().size(),
            locations,
            collection == null ? null : collection.drift(),
            new ResultEvent.Timings(
                message.receivedAt(),
                clock.instant(),
                collection == null ? 0 : collection.fetchMillis(),
                storeMillis),
            message.receiveCount(),
            config.workerId(),
            job.metadata());
    results.publish(event);
  }
}
