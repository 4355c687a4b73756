package dev.snscollector.worker.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The worker's copy of one control object the API writes under {@code control/} (the cancelled
 * jobs, the paused scopes), read every {@code poll} with {@code If-None-Match}: an unchanged object
 * costs one GET answered 304 (ADR 0007). A missing object reads as {@code empty}.
 *
 * @param <T> what the object's bytes decode to
 */
public class ControlObjectWatch<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlObjectWatch.class);

  /** The object was not read recently enough to answer from it. */
  public static final class UnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownException(String what, @Nullable Instant lastRead) {
      super(
          lastRead == null
              ? "the " + what + " has not been read yet"
              : "the " + what + " was last read at " + lastRead);
    }
  }

  private record Known<T>(T value, @Nullable String etag, Instant readAt) {}

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String what;
  private final Function<byte[], T> decoder;
  private final T empty;
  private final Duration poll;
  private final Duration maxAge;
  private final Clock clock;
  private volatile @Nullable Known<T> known;
  private @Nullable ScheduledExecutorService timer;

  /**
   * @param what the object's name in messages ("cancelled-jobs list")
   * @param decoder the object's bytes to a value; throws {@link IllegalArgumentException} for bytes
   *     that are not such an object
   * @param empty the value while there is no object
   * @param poll how often the object is read
   * @param maxAge how old the copy may get (reads failing) before {@link #current} refuses to
   *     answer
   */
  public ControlObjectWatch(
      S3Client s3,
      String bucket,
      String key,
      String what,
      Function<byte[], T> decoder,
      T empty,
      Duration poll,
      Duration maxAge,
      Clock clock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.what = what;
    this.decoder = decoder;
    this.empty = empty;
    this.poll = poll;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** How old a copy may get by default: six polls, at least 30 s. */
  public static Duration defaultMaxAge(Duration poll) {
    Duration six = poll.multipliedBy(6);
    return six.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : six;
  }

  /** Reads the object once now, then every {@code poll} on a daemon thread. */
  public ControlObjectWatch<T> start() {
    refreshQuietly();
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("control-watch-" + key).factory());
    t.scheduleWithFixedDelay(
        this::refreshQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    timer = t;
    return this;
  }

  /**
   * The value as last read.
   *
   * @throws UnknownException when the object was not read within {@code maxAge}
   */
  public T current() {
    Known<T> k = known;
    if (k == null || k.readAt().plus(maxAge).isBefore(clock.instant())) {
      throw new UnknownException(what, k == null ? null : k.readAt());
    }
    return k.value();
  }

  /** The value as last read, however long ago; {@code empty} before the first read. */
  public T lastKnown() {
    Known<T> k = known;
    return k == null ? empty : k.value();
  }

  /** Whether the object was read at least once. */
  public boolean read() {
    return known != null;
  }

  /** Seconds since the object was last read; -1 before the first read. */
  public double ageSeconds() {
    Known<T> k = known;
    return k == null ? -1 : Duration.between(k.readAt(), clock.instant()).toMillis() / 1000.0;
  }

  /**
   * Reads the object: one GET, conditional on the ETag of the copy held.
   *
   * @throws RuntimeException when S3 fails or the object does not decode; the copy is kept
   */
  public void refresh() {
    Known<T> k = known;
    Instant now = clock.instant();
    try {
      ResponseBytes<GetObjectResponse> got =
          s3.getObjectAsBytes(
              r -> {
                r.bucket(bucket).key(key);
                if (k != null && k.etag() != null) {
                  r.ifNoneMatch(k.etag());
                }
              });
      known = new Known<>(decoder.apply(got.asByteArray()), got.response().eTag(), now);
    } catch (NoSuchKeyException e) {
      known = new Known<>(empty, null, now); // never written
    } catch (S3Exception e) {
      if (e.statusCode() == 304 && k != null) {
        known = new Known<>(k.value(), k.etag(), now);
      } else if (e.statusCode() == 404) {
        known = new Known<>(empty, null, now);
      } else {
        throw e;
      }
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("could not read the {}: {}", what, e.toString());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
