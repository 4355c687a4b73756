package dev.snscollector.worker.store;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.parsers.Capture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes a job's records and raw captures to S3. Each put returns only when S3 has the object, so a
 * caller that deletes the message afterwards never loses data.
 */
public final class JobStore {
  private final S3Client s3;
  private final String bucket;

  public JobStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Writes the records object; returns its S3 URI. */
  public String putRecords(String jobId, List<NormalizedRecord> records) {
    byte[] gz = gzip(Json.toJsonLines(records).getBytes(StandardCharsets.UTF_8));
    String key = S3Locations.recordsKey(jobId);
    s3.putObject(
        r ->
            r.bucket(bucket)
                .key(key)
                .contentType("application/x-ndjson")
                .contentEncoding("gzip")
                .metadata(Map.of("record-count", Integer.toString(records.size()))),
        RequestBody.fromBytes(gz));
    return S3Locations.uri(bucket, key);
  }

  /**
   * Writes the captures archive; returns its S3 URI, or null when there was nothing to keep. A
   * drifted job's archive goes under the drift prefix of the page type that drifted.
   */
  public @Nullable String putCaptures(
      String jobId, List<Capture> captures, @Nullable String driftedPageType) {
    if (captures.isEmpty()) {
      return null;
    }
    byte[] zip = CaptureArchive.zip(captures);
    String key =
        driftedPageType == null
            ? S3Locations.capturesKey(jobId)
            : S3Locations.driftKey(driftedPageType, jobId);
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(zip));
    return S3Locations.uri(bucket, key);
  }

  /**
   * Whether the platform cancelled the job: the API writes an empty marker object at {@link
   * S3Locations#cancelledKey} before the job runs.
   */
  public boolean cancelled(String jobId) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(S3Locations.cancelledKey(jobId)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
