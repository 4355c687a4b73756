package dev.snscollector.capture;

import java.util.regex.Pattern;

/**
 * The S3 layout the worker writes and the API reads (ADR 0007). One object per job, whose key
 * derives from the job id alone, so a redelivered job overwrites its object instead of adding one:
 *
 * <ul>
 *   <li>{@code jobs/<jobId>.zip}: the job's captures, every response fetched for it in the fixture
 *       format ({@code <seq>-<pageType>/meta.json} and {@code body.<ext>}), and, when the job
 *       succeeded, its records as one more entry, {@link #RECORDS_ENTRY} (gzip JSON lines, stored
 *       as they are, last). The result event gives the byte range of that entry's data ({@link
 *       #range}), so the API reads the records with one ranged GET;
 *   <li>{@code drift/<pageType>/<jobId>.zip}: the same object for a job whose document drifted (it
 *       has no records), kept apart so engineers find it by page type;
 *   <li>{@code control/cancelled-jobs.json.gz}: the jobs the platform cancelled after they were
 *       queued and that no worker has reported on yet ({@link CancelledJobs}). The API rewrites it
 *       on every cancel; workers poll it with {@code If-None-Match} instead of asking S3 about each
 *       job;
 *   <li>{@code control/paused.json}: the platforms and routes operators paused ({@link
 *       PausedScopes}), written by the API on every pause and resume and polled by the workers the
 *       same way.
 * </ul>
 *
 * <p>Objects written before ADR 0007 ({@code jobs/<jobId>/records.jsonl.gz}, {@code
 * jobs/<jobId>/captures.zip}, {@code jobs/<jobId>/cancelled}) are still read through the locations
 * their jobs recorded; nothing writes them any more.
 */
public final class S3Layout {
  /** The records entry of a job object: gzip JSON lines, stored without further compression. */
  public static final String RECORDS_ENTRY = "records.jsonl.gz";

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{1,18})");

  private S3Layout() {}

  /** The job's object: captures, and its records when it succeeded. */
  public static String jobKey(String jobId) {
    return "jobs/" + jobId + ".zip";
  }

  /** Where a drifted job's object goes instead of {@link #jobKey}. */
  public static String driftKey(String pageType, String jobId) {
    return "drift/" + pageType + "/" + jobId + ".zip";
  }

  /** The list of cancelled jobs the API keeps and the workers poll. */
  public static String cancelledJobsKey() {
    return "control/cancelled-jobs.json.gz";
  }

  /** What operators paused ({@link PausedScopes}): the API writes it, the workers poll it. */
  public static String pausedScopesKey() {
    return "control/paused.json";
  }

  public static String uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  /**
   * An HTTP byte range ({@code bytes=first-last}, both inclusive), as S3's GetObject takes it.
   *
   * @param offset the first byte
   * @param length how many bytes, at least one
   */
  public static String range(long offset, long length) {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("no range of " + length + " bytes at " + offset);
    }
    return "bytes=" + offset + "-" + (offset + length - 1);
  }

  /** Whether {@code range} is a closed byte range as {@link #range} writes it. */
  public static boolean isRange(String range) {
    var m = RANGE.matcher(range);
    return m.matches() && Long.parseLong(m.group(1)) <= Long.parseLong(m.group(2));
  }
}
