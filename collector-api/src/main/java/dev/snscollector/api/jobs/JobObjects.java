package dev.snscollector.api.jobs;

import dev.snscollector.capture.S3Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The API's side of the workers' S3 layout: reading a job's records and writing the cancel marker
 * ({@code jobs/<jobId>/cancelled}, an empty JSON object) that tells a worker to skip the job.
 */
public final class JobObjects {
  private final S3Client s3;
  private final String bucket;

  public JobObjects(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public static String cancelMarkerKey(String jobId) {
    return S3Layout.cancelledKey(jobId);
  }

  public void markCancelled(String jobId) {
    s3.putObject(
        r -> r.bucket(bucket).key(cancelMarkerKey(jobId)).contentType("application/json"),
        RequestBody.fromString("{}"));
  }

  /**
   * The records of a job as JSON lines, gunzipped while read.
   *
   * @param location the {@code s3://bucket/key} URI from the job's result event
   */
  public InputStream records(String location) {
    if (!location.startsWith("s3://") || location.indexOf('/', 5) < 0) {
      throw new IllegalArgumentException("not an s3:// location: " + location);
    }
    int slash = location.indexOf('/', 5);
    String locationBucket = location.substring(5, slash);
    String key = location.substring(slash + 1);
    InputStream raw = s3.getObject(r -> r.bucket(locationBucket).key(key));
    try {
      return new GZIPInputStream(raw, 64 * 1024);
    } catch (IOException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("records at " + location + " are not gzip", e);
    }
  }
}
