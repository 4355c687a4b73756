package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads one page type: classifies error and wall documents first, then checks the structure schema,
 * then maps to records and checks them against the record contract; never throws for a bad
 * document. Every implementation runs {@link DocumentParser}'s pipeline.
 */
public sealed interface PageParser permits DocumentParser {
  PageType pageType();

  ParseResult parse(Capture capture, ParseContext context);

  /** The same parse, reporting the JSON pointers (and DOM elements) the mapper read. */
  TracedParse parseTraced(Capture capture, ParseContext context);

  /** The structure schema the parser relies on. */
  StructureSchema schema();

  /**
   * The structure the schema is checked against, as this parser extracts it from the capture (the
   * JSON body, or the JSON embedded in a page): for replay tools and drift tests. Empty when the
   * document carries none.
   */
  Optional<JsonNode> structure(Capture capture);

  /**
   * Where the structure's JSON values lie in the capture's body; empty for DOM-built structures.
   */
  List<EmbeddedJson.Location> embedded(Capture capture);
}
