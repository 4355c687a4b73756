package dev.snscollector.parsers;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads one page type. Implementations classify error and wall documents first, then check the
 * structure schema, then map to records; they never throw for a bad document.
 */
public interface PageParser {
  PageType pageType();

  ParseResult parse(Capture capture, ParseContext context);

  /** The structure schema the parser relies on. */
  StructureSchema schema();

  /**
   * The structure the schema is checked against, as this parser extracts it from the capture (the
   * JSON body, or the JSON embedded in a page): for replay tools and drift tests. Empty when the
   * document carries none.
   */
  Optional<JsonNode> structure(Capture capture);
}
