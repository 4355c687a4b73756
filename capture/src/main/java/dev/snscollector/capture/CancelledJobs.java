package dev.snscollector.capture;

import dev.snscollector.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The list of cancelled jobs at {@link S3Layout#cancelledJobsKey()}: gzip JSON {@code
 * {"generatedAt": "...", "jobIds": ["...", ...]}}. The API writes it whole from its database; the
 * workers read it whole when its ETag changed.
 */
public final class CancelledJobs {
  private CancelledJobs() {}

  /** The object's bytes for {@code jobIds}, as of {@code generatedAt}. */
  public static byte[] encode(Instant generatedAt, Collection<String> jobIds) {
    var doc = Json.MAPPER.createObjectNode();
    doc.put("generatedAt", generatedAt.toString());
    var ids = doc.putArray("jobIds");
    jobIds.stream().sorted().forEach(ids::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + jobIds.size() * 16);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(Json.MAPPER.writeValueAsBytes(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The job ids in an object's bytes.
   *
   * @throws IllegalArgumentException when the bytes are not such a list
   */
  public static Set<String> decode(byte[] object) {
    JsonNode doc;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object))) {
      doc = Json.MAPPER.readTree(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a cancelled-jobs list: " + e.getMessage(), e);
    }
    JsonNode ids = doc.path("jobIds");
    if (!ids.isArray()) {
      throw new IllegalArgumentException("not a cancelled-jobs list: no jobIds array");
    }
    Set<String> out = new HashSet<>(ids.size() * 2);
    for (JsonNode id : ids) {
      if (!id.isString()) {
        throw new IllegalArgumentException("not a cancelled-jobs list: a job id is " + id);
      }
      out.add(id.asString());
    }
    return out;
  }

  /** The ids of {@code object}, sorted: for comparing two lists and for tests. */
  public static List<String> sorted(byte[] object) {
    return decode(object).stream().sorted().toList();
  }
}
