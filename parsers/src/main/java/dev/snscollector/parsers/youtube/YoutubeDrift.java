package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.StructureSchema;
import java.util.List;

/**
 * Drift a mapper finds with what only the request shows: a Data API {@code part} the request asked
 * for and an item lacks, a page fetched as HTML without the data every such page carries. Named by
 * the document path that is missing, like a schema failure, so the report points where to look.
 */
final class YoutubeDrift {
  private YoutubeDrift() {}

  static ParseResult.Drifted missing(
      StructureSchema schema, String url, String pointer, String expected) {
    return new ParseResult.Drifted(
        new DriftReport(
            schema.id(),
            schema.version(),
            url,
            List.of(new PathFailure(pointer, "required", expected, "missing", List.of()))));
  }
}
