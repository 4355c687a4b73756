package dev.snscollector.parsers.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Platform;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Base of the YouTube Data API v3 parsers: error bodies and error statuses are classified by {@link
 * YoutubeApiErrors} before the structure check.
 */
abstract class YoutubeApiParser extends JsonPageParser {
  static final int SCHEMA_VERSION = 1;

  YoutubeApiParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.YOUTUBE, SCHEMA_VERSION));
  }

  @Override
  protected final Optional<Classified> classifyNonJson(Capture capture) {
    return YoutubeApiErrors.classifyStatus(capture.status());
  }

  @Override
  protected final Optional<Classified> classify(Capture capture, JsonNode doc) {
    return YoutubeApiErrors.classify(capture.status(), doc);
  }
}
