package dev.snscollector.worker.store;

import dev.snscollector.capture.CancelledJobs;
import dev.snscollector.capture.S3Layout;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The worker's copy of the API's cancelled-jobs list ({@link S3Layout#cancelledJobsKey()}): a job
 * costs no S3 request to learn whether it was cancelled (ADR 0007).
 *
 * <p>A job cancelled at time T is skipped by every job start after T plus one poll (and one GET).
 * When the list cannot be read for longer than {@code maxAge}, {@link #cancelled} throws instead of
 * answering from an old copy: the job is retried later like any S3 trouble, rather than run though
 * it may have been cancelled.
 */
public final class CancelledJobsWatch extends ControlObjectWatch<Set<String>> {
  /**
   * @param poll how often the list is read
   * @param maxAge how old the copy may get (reads failing) before {@link #cancelled} refuses to
   *     answer
   */
  public CancelledJobsWatch(
      S3Client s3, String bucket, Duration poll, Duration maxAge, Clock clock) {
    super(
        s3,
        bucket,
        S3Layout.cancelledJobsKey(),
        "cancelled-jobs list",
        CancelledJobs::decode,
        Set.of(),
        poll,
        maxAge,
        clock);
  }

  @Override
  public CancelledJobsWatch start() {
    super.start();
    return this;
  }

  /**
   * Whether {@code jobId} is on the list.
   *
   * @throws UnknownException when the list was not read within {@code maxAge}
   */
  public boolean cancelled(String jobId) {
    return current().contains(jobId);
  }

  /** How many jobs the copy lists; -1 before the first read. */
  public int size() {
    return read() ? lastKnown().size() : -1;
  }
}
