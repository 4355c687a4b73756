package dev.snscollector.capture;

/**
 * The S3 layout the worker writes and the API reads. Keys derive from the job id alone, so a
 * redelivered job overwrites its objects instead of adding new ones:
 *
 * <ul>
 *   <li>{@code jobs/<jobId>/records.jsonl.gz}: the records, gzip JSON lines;
 *   <li>{@code jobs/<jobId>/captures.zip}: every response fetched for the job, in the fixture
 *       format ({@code <seq>-<pageType>/meta.json} and {@code body.<ext>});
 *   <li>{@code drift/<pageType>/<jobId>.zip}: the captures of a job whose document drifted, kept
 *       apart so engineers find them by page type;
 *   <li>{@code jobs/<jobId>/cancelled}: an empty marker the API writes when the platform cancels a
 *       queued job ({@link #cancelledKey}); a worker that finds it skips the job.
 * </ul>
 */
public final class S3Layout {
  private S3Layout() {}

  public static String recordsKey(String jobId) {
    return "jobs/" + jobId + "/records.jsonl.gz";
  }

  public static String capturesKey(String jobId) {
    return "jobs/" + jobId + "/captures.zip";
  }

  public static String cancelledKey(String jobId) {
    return "jobs/" + jobId + "/cancelled";
  }

  public static String driftKey(String pageType, String jobId) {
    return "drift/" + pageType + "/" + jobId + ".zip";
  }

  public static String uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }
}
