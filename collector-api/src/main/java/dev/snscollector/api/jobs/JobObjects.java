package dev.snscollector.api.jobs;

import dev.snscollector.capture.S3Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The API's reading side of the workers' S3 layout (ADR 0007): a job's records, one GET each,
 * ranged when they are an entry of the job's object.
 */
public final class JobObjects {
  private final S3Client s3;

  public JobObjects(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * The records of a job as JSON lines, gunzipped while read.
   *
   * @param location the {@code s3://bucket/key} URI from the job's result event
   * @param range the byte range of the records in that object ({@code bytes=first-last}), or null
   *     when the object is the records alone (jobs stored before ADR 0007)
   * @throws IllegalArgumentException when the location or the range is malformed
   * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when the object is gone
   */
  public InputStream records(String location, @Nullable String range) {
    if (!location.startsWith("s3://") || location.indexOf('/', 5) < 0) {
      throw new IllegalArgumentException("not an s3:// location: " + location);
    }
    if (range != null && !S3Layout.isRange(range)) {
      throw new IllegalArgumentException("not a byte range: " + range);
    }
    int slash = location.indexOf('/', 5);
    String locationBucket = location.substring(5, slash);
    String key = location.substring(slash + 1);
    ResponseInputStream<GetObjectResponse> raw =
        s3.getObject(
            r -> {
              r.bucket(locationBucket).key(key);
              if (range != null) {
                r.range(range);
              }
            });
    try {
      if (range != null && raw.response().contentRange() == null) {
        // A store that ignored the range sent the whole zip: refuse rather than gunzip a zip.
        throw new IOException("the store ignored the range " + range);
      }
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
