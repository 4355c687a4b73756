package dev.snscollector.worker.store;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureArchive;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
  private final Function<String, @Nullable Integer> schemaVersions;

  public JobStore(S3Client s3, String bucket) {
    this(s3, bucket, pageType -> null);
  }

  /**
   * @param schemaVersions the structure schema version of a page type's parser, recorded with each
   *     capture
   */
  public JobStore(S3Client s3, String bucket, Function<String, @Nullable Integer> schemaVersions) {
    this.s3 = s3;
    this.bucket = bucket;
    this.schemaVersions = schemaVersions;
  }

  /** Writes the records object; returns its S3 URI. */
  public String putRecords(String jobId, List<NormalizedRecord> records) {
    byte[] gz = gzip(Json.toJsonLines(records).getBytes(StandardCharsets.UTF_8));
    String key = S3Layout.recordsKey(jobId);
    s3.putObject(
        r ->
            r.bucket(bucket)
                .key(key)
                .contentType("application/x-ndjson")
                .contentEncoding("gzip")
                .metadata(Map.of("record-count", Integer.toString(records.size()))),
        RequestBody.fromBytes(gz));
    return S3Layout.uri(bucket, key);
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
    CaptureArchive.Writer archive = new CaptureArchive.Writer(List.of(), schemaVersions);
    captures.forEach(archive::add);
    byte[] zip = archive.finish();
    String key =
        driftedPageType == null
            ? S3Layout.capturesKey(jobId)
            : S3Layout.driftKey(driftedPageType, jobId);
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(zip));
    return S3Layout.uri(bucket, key);
  }

  /**
   * Whether the platform cancelled the job: the API writes an empty marker object at {@link
   * S3Layout#cancelledKey} before the job runs.
   */
  public boolean cancelled(String jobId) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(S3Layout.cancelledKey(jobId)));
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
