package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Base of the Instagram Graph API parsers: error bodies and error statuses are classified by {@link
 * InstagramGraphErrors} before the structure check, and records' source URLs lose any {@code
 * access_token} a caller left in the request URL.
 *
 * <p>Value contract: the Graph API answers with exactly the fields the request asked for ({@link
 * InstagramGraphFields}), so the structure schemas close every node ({@code additionalProperties:
 * false} over the documented fields: a renamed field is drift) and annotate the fields a record
 * value comes from with {@code x-absent-means: not_requested}; the mappers name such absences in
 * the record's {@code unavailable}. A field the request asked for that is absent is drift at its
 * path ({@link InstagramGraphFields.Missing}), except the documented omissions: a {@code
 * like_count} the owner hid, on media reached through an edge or field expansion.
 */
abstract class InstagramGraphParser extends JsonPageParser {
  static final int SCHEMA_VERSION = 1;

  InstagramGraphParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.INSTAGRAM, SCHEMA_VERSION));
  }

  @Override
  protected final Optional<Classified> classifyNonJson(Capture capture) {
    return InstagramGraphErrors.classifyStatus(capture.status());
  }

  @Override
  protected final Optional<Classified> classify(Capture capture, JsonNode doc) {
    return InstagramGraphErrors.classify(capture.status(), doc);
  }

  @Override
  protected final ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    RecordSource clean =
        new RecordSource(
            source.route(),
            InstagramValues.withoutToken(source.url()),
            source.pageType(),
            source.schemaVersion(),
            source.jobId());
    try {
      return mapGraph(doc, capture, context, clean);
    } catch (InstagramGraphFields.Missing e) {
      return new ParseResult.Drifted(
          new DriftReport(
              schema().id(),
              schema().version(),
              capture.url(),
              e.pointers().stream()
                  .map(p -> new PathFailure(p, "required", e.expected(), "missing", List.of()))
                  .toList()));
    }
  }

  /** Maps a document that passed the structure schema; {@code source} carries no token. */
  abstract ParseResult mapGraph(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source);
}
