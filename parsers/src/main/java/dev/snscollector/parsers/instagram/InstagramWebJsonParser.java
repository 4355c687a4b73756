package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Platform;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Base of the parsers of Instagram's web JSON: walls classified by {@link InstagramWebErrors}. */
abstract class InstagramWebJsonParser extends JsonPageParser {
  static final int SCHEMA_VERSION = 1;

  InstagramWebJsonParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.INSTAGRAM, SCHEMA_VERSION));
  }

  @Override
  protected final Optional<Classified> classifyNonJson(Capture capture) {
    return InstagramWebErrors.classifyNonJson(capture);
  }

  @Override
  protected final Optional<Classified> classify(Capture capture, JsonNode doc) {
    return InstagramWebErrors.classify(capture, doc);
  }
}
