package dev.snscollector.api.creators;

import dev.snscollector.capture.S3Layout;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Deletes jobs' S3 objects: the job's object ({@link S3Layout#jobKey}), a drifted document's
 * ({@link S3Layout#driftKey}) and the records or captures objects of jobs stored before ADR 0007, a
 * thousand keys per {@code DeleteObjects}. Deleting a key that is not there succeeds, so a repeated
 * deletion is harmless.
 */
final class JobObjectDeletion {
  /** The columns {@link #read} expects, in order. */
  static final String COLUMNS = "job_id, drift->>'pageType', records_location, captures_location";

  /** What a job's row says of its objects. */
  record Job(
      String id,
      @Nullable String driftPageType,
      @Nullable String records,
      @Nullable String captures) {}

  private final S3Client s3;
  private final String bucket;

  JobObjectDeletion(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** The jobs a query selecting {@link #COLUMNS} finds. */
  static List<Job> read(PreparedStatement query) throws SQLException {
    List<Job> out = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        out.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return out;
  }

  /**
   * Deletes the objects of {@code jobs}; how many keys were deleted.
   *
   * @throws IllegalStateException when S3 refused some: nothing that depends on them may go yet
   */
  int delete(List<Job> jobs) {
    Set<String> keys = new LinkedHashSet<>();
    String prefix = "s3://" + bucket + "/";
    for (Job j : jobs) {
      keys.add(S3Layout.jobKey(j.id()));
      if (j.driftPageType() != null) {
        keys.add(S3Layout.driftKey(j.driftPageType(), j.id()));
      }
      for (String uri : new String[] {j.records(), j.captures()}) {
        if (uri != null && uri.startsWith(prefix)) {
          keys.add(uri.substring(prefix.length()));
        }
      }
    }
    List<String> all = List.copyOf(keys);
    for (int i = 0; i < all.size(); i += 1000) {
      List<ObjectIdentifier> batch =
          all.subList(i, Math.min(i + 1000, all.size())).stream()
              .map(k -> ObjectIdentifier.builder().key(k).build())
              .toList();
      DeleteObjectsResponse r =
          s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).build()));
      if (!r.errors().isEmpty()) {
        throw new IllegalStateException(
            "S3 refused to delete " + r.errors().size() + " job objects; try again");
      }
    }
    return all.size();
  }
}
