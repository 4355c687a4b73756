package dev.snscollector.contracts;

import java.util.List;
import java.util.Objects;

/**
 * A document that no longer matches its page type's structure schema.
 *
 * @param schemaId the structure schema's id
 * @param schemaVersion its version
 * @param url the document's URL
 * @param failures each failing path
 */
public record DriftReport(
    String schemaId, int schemaVersion, String url, List<PathFailure> failures) {
  public DriftReport {
    Objects.requireNonNull(schemaId, "schemaId");
    Objects.requireNonNull(url, "url");
    failures = List.copyOf(failures);
  }

  /**
   * @param path JSON pointer of the failing location in the document
   * @param keyword the schema keyword that failed ({@code required}, {@code type}, ...)
   * @param expected what the schema expected there
   * @param found what the document had
   * @param newKeys keys present at the nearest existing parent that the schema does not know
   */
  public record PathFailure(
      String path, String keyword, String expected, String found, List<String> newKeys) {
    public PathFailure {
      newKeys = newKeys == null ? List.of() : List.copyOf(newKeys);
    }
  }
}
