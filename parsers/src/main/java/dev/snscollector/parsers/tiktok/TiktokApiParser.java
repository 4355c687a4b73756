package dev.snscollector.parsers.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Platform;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Base of the TikTok Display API v2 parsers: error codes and error statuses are classified by
 * {@link TiktokApiErrors} before the structure check.
 */
abstract class TiktokApiParser extends JsonPageParser {
  static final int SCHEMA_VERSION = 1;

  TiktokApiParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.TIKTOK, SCHEMA_VERSION));
  }

  @Override
  protected final Optional<Classified> classifyNonJson(Capture capture) {
    return TiktokApiErrors.classifyStatus(capture.status());
  }

  @Override
  protected final Optional<Classified> classify(Capture capture, JsonNode doc) {
    return TiktokApiErrors.classify(capture.status(), doc);
  }
}
