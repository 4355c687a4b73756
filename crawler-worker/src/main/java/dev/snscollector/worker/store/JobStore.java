package dev.snscollector.worker.store;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureArchive;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.ResultEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes a job's one S3 object (ADR 0007): its captures and, when it succeeded, its records, as
 * {@link S3Layout#jobKey} (or {@link S3Layout#driftKey} when a document drifted). The put returns
 * only when S3 has the object, so a caller that deletes the message afterwards never loses data.
 * Whether the platform cancelled a job comes from the {@link CancelledJobsWatch}, not from S3 per
 * job.
 */
public final class JobStore {
  private final S3Client s3;
  private final String bucket;
  private final Function<String, @Nullable Integer> schemaVersions;
  private final CancelledJobsWatch cancellations;

  /**
   * @param schemaVersions the structure schema version of a page type's parser, recorded with each
   *     capture
   * @param cancellations the worker's copy of the API's cancelled-jobs list
   */
  public JobStore(
      S3Client s3,
      String bucket,
      Function<String, @Nullable Integer> schemaVersions,
      CancelledJobsWatch cancellations) {
    this.s3 = s3;
    this.bucket = bucket;
    this.schemaVersions = schemaVersions;
    this.cancellations = cancellations;
  }

  /**
   * Writes the job's object with one PUT and says where its parts are; writes nothing and returns
   * {@link ResultEvent.Locations#NONE} when there is neither a capture nor records.
   *
   * @param records the records when the job succeeded, else null (none are written)
   * @param driftedPageType the page type that drifted, whose prefix the object goes under; null
   * @param secrets the job's own credentials, cut from the captures wherever they appear
   */
  public ResultEvent.Locations put(
      String jobId,
      List<Capture> captures,
      @Nullable List<NormalizedRecord> records,
      @Nullable String driftedPageType,
      Collection<String> secrets) {
    if (captures.isEmpty() && records == null) {
      return ResultEvent.Locations.NONE;
    }
    CaptureArchive.Writer archive = new CaptureArchive.Writer(secrets, schemaVersions);
    captures.forEach(archive::add);
    CaptureArchive.Finished object =
        archive.finish(
            records == null
                ? null
                : gzip(Json.toJsonLines(records).getBytes(StandardCharsets.UTF_8)));
    String key =
        driftedPageType == null
            ? S3Layout.jobKey(jobId)
            : S3Layout.driftKey(driftedPageType, jobId);
    s3.putObject(
        r -> {
          r.bucket(bucket).key(key).contentType("application/zip");
          if (records != null) {
            r.metadata(Map.of("record-count", Integer.toString(records.size())));
          }
        },
        // The finished zip is never changed again: the SDK may read it where it lies rather than
        // copy it first, as fromBytes does.
        RequestBody.fromContentProvider(
            ContentStreamProvider.fromByteArrayUnsafe(object.bytes()),
            object.bytes().length,
            "application/zip"));
    String uri = S3Layout.uri(bucket, key);
    return new ResultEvent.Locations(
        records == null ? null : uri, captures.isEmpty() ? null : uri, object.recordsRange());
  }

  /**
   * Whether the platform cancelled the job, by the last cancelled-jobs list this worker read.
   *
   * @throws CancelledJobsWatch.UnknownException when the list could not be read for too long
   */
  public boolean cancelled(String jobId) {
    return cancellations.cancelled(jobId);
  }

  /**
   * Whether the job's object ({@link S3Layout#jobKey}) exists: one HEAD, asked only for a job the
   * API sent twice. A job whose document drifted has its object under the drift prefix and is not
   * found here; such a job runs again, which costs a fetch, never a record.
   */
  public boolean resultExists(String jobId) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(S3Layout.jobKey(jobId)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false; // a HEAD's 404 carries no error code to map to NoSuchKey
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
