package dev.snscollector.worker.store;

import dev.snscollector.capture.CancelledJobs;
import dev.snscollector.capture.S3Layout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The worker's copy of the API's cancelled-jobs list ({@link S3Layout#cancelledJobsKey()}), read
 * every {@code poll} with {@code If-None-Match}: an unchanged list costs one GET answered 304, and
 * a job costs no S3 request to learn whether it was cancelled (ADR 0007).
 *
 * <p>A job cancelled at time T is skipped by every job start after T plus one poll (and one GET).
 * When the list cannot be read for longer than {@code maxAge}, {@link #cancelled} throws instead of
 * answering from an old copy: the job is retried later like any S3 trouble, rather than run though
 * it may have been cancelled.
 */
public final class CancelledJobsWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CancelledJobsWatch.class);

  /** The list was not read recently enough to say whether a job was cancelled. */
  public static final class UnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownException(@Nullable Instant lastRead) {
      super(
          lastRead == null
              ? "the cancelled-jobs list has not been read yet"
              : "the cancelled-jobs list was last read at " + lastRead);
    }
  }

  private record Known(Set<String> jobIds, @Nullable String etag, Instant readAt) {}

  private final S3Client s3;
  private final String bucket;
  private final Duration poll;
  private final Duration maxAge;
  private final Clock clock;
  private volatile @Nullable Known known;
  private @Nullable ScheduledExecutorService timer;

  /**
   * @param poll how often the list is read
   * @param maxAge how old the copy may get (reads failing) before {@link #cancelled} refuses to
   *     answer
   */
  public CancelledJobsWatch(
      S3Client s3, String bucket, Duration poll, Duration maxAge, Clock clock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.poll = poll;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** How old a copy may get by default: six polls, at least 30 s. */
  public static Duration defaultMaxAge(Duration poll) {
    Duration six = poll.multipliedBy(6);
    return six.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : six;
  }

  /** Reads the list once now, then every {@code poll} on a daemon thread. */
  public CancelledJobsWatch start() {
    refreshQuietly();
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cancelled-jobs-watch").factory());
    t.scheduleWithFixedDelay(
        this::refreshQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    timer = t;
    return this;
  }

  /**
   * Whether {@code jobId} is on the list.
   *
   * @throws UnknownException when the list was not read within {@code maxAge}
   */
  public boolean cancelled(String jobId) {
    Known k = known;
    if (k == null || k.readAt().plus(maxAge).isBefore(clock.instant())) {
      throw new UnknownException(k == null ? null : k.readAt());
    }
    return k.jobIds().contains(jobId);
  }

  /** How many jobs the copy lists; -1 before the first read. */
  public int size() {
    Known k = known;
    return k == null ? -1 : k.jobIds().size();
  }

  /** Seconds since the list was last read; -1 before the first read. */
  public double ageSeconds() {
    Known k = known;
    return k == null ? -1 : Duration.between(k.readAt(), clock.instant()).toMillis() / 1000.0;
  }

  /**
   * Reads the list: one GET, conditional on the ETag of the copy held.
   *
   * @throws RuntimeException when S3 fails or the object is not a list; the copy is kept
   */
  public void refresh() {
    Known k = known;
    Instant now = clock.instant();
    try {
      ResponseBytes<GetObjectResponse> got =
          s3.getObjectAsBytes(
              r -> {
                r.bucket(bucket).key(S3Layout.cancelledJobsKey());
                if (k != null && k.etag() != null) {
                  r.ifNoneMatch(k.etag());
                }
              });
      known = new Known(CancelledJobs.decode(got.asByteArray()), got.response().eTag(), now);
    } catch (NoSuchKeyException e) {
      known = new Known(Set.of(), null, now); // nothing was ever cancelled
    } catch (S3Exception e) {
      if (e.statusCode() == 304 && k != null) {
        known = new Known(k.jobIds(), k.etag(), now);
      } else if (e.statusCode() == 404) {
        known = new Known(Set.of(), null, now);
      } else {
        throw e;
      }
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("could not read the cancelled-jobs list: {}", e.toString());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
