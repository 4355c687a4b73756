package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Base of the Instagram Graph API parsers: error bodies and error statuses are classified by {@link
 * InstagramGraphErrors} before the structure check, and records' source URLs lose any {@code
 * access_token} a caller left in the request URL.
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
    return mapGraph(doc, capture, context, clean);
  }

  /** Maps a document that passed the structure schema; {@code source} carries no token. */
  abstract ParseResult mapGraph(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source);
}
