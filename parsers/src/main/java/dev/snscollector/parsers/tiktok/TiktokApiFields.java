package dev.snscollector.parsers.tiktok;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.QueryParams;
import dev.snscollector.parsers.StructureSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Why a Display API v2 object lacks a value, judged from the request that produced it.
 *
 * <p>TikTok documents the {@code fields} query parameter of {@code /v2/user/info/}, {@code
 * /v2/video/list/} and {@code /v2/video/query/} as required, "the set of fields to request for":
 * the answer carries exactly the fields asked for. So a field the request did not name is absent
 * because it was not asked for ({@link Unavailable#NOT_REQUESTED}), while a field the request named
 * and the answer lacks is drift, reported at its path. A capture whose URL carries no {@code
 * fields} (recorded without its query) cannot tell the two apart; the documented meaning of an
 * absence, not requested, is taken (the structure schemas annotate it with {@code x-absent-means}
 * and close the objects, so that a renamed field is drift either way).
 *
 * <p>Not thread-safe; one per parse.
 */
final class TiktokApiFields {
  private final @Nullable Set<String> requested;
  private final List<String> missing = new ArrayList<>();

  private TiktokApiFields(@Nullable Set<String> requested) {
    this.requested = requested;
  }

  /** The fields the request at {@code url} named; unknown when it has no {@code fields}. */
  static TiktokApiFields of(String url) {
    String fields = QueryParams.of(url).get("fields");
    if (fields == null) {
      return new TiktokApiFields(null);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : fields.split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    return new TiktokApiFields(names);
  }

  /**
   * {@code value} (read from {@code object.key}); when it is null because the key is absent, marks
   * {@code field} not requested, or notes drift at {@code pointer/key} when the request named it. A
   * value that is null although present (an empty title) is the caller's to explain.
   */
  <T> @Nullable T value(
      @Nullable T value,
      JsonNode object,
      String key,
      String pointer,
      String field,
      Unavailability unavailable) {
    if (value != null || !object.path(key).isMissingNode()) {
      return value;
    }
    if (requested != null && requested.contains(key)) {
      missing.add(pointer + "/" + key);
    } else {
      unavailable.mark(field, Unavailable.NOT_REQUESTED);
    }
    return null;
  }

  /** Drift naming each requested field the answer lacked; empty when none. */
  Optional<DriftReport> drift(StructureSchema schema, String url) {
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    List<PathFailure> failures = new ArrayList<>();
    for (String path : missing) {
      failures.add(
          new PathFailure(
              path, "required", "present (named in the request's fields)", "missing", List.of()));
    }
    return Optional.of(new DriftReport(schema.id(), schema.version(), url, failures));
  }
}
