package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.HtmlPageParser;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.PrunedJson;
import dev.snscollector.parsers.StructureSchema;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Base of the YouTube web parsers, in the order of {@link HtmlPageParser}: walls ({@link
 * YoutubeWebWalls}), then what the document itself says instead of content ({@link
 * #classifyContent}, e.g. a watch page's playability status), then extraction, then the structure
 * schema, then {@link #map}.
 *
 * <p>It does not extend {@link HtmlPageParser} because that decodes the whole page to a string and
 * a YouTube page must be processed in well under 5 ms per MB: here the page is scanned as bytes
 * ({@link YoutubeWebPage}) and its embedded JSON read with only the paths the schema declares
 * ({@link PrunedJson}). No DOM is ever built.
 *
 * <p>Never throws for a bad document: a missing {@code ytInitialData} is drift at path {@code ""}
 * ("no embedded data"), a mapping failure is drift with keyword {@code parser}.
 */
abstract class YoutubeWebParser implements PageParser {
  static final int SCHEMA_VERSION = 1;

  private final PageType pageType;
  private final StructureSchema schema;
  private final PrunedJson reader;

  YoutubeWebParser(String pageTypeId) {
    this.pageType = new PageType(pageTypeId, Platform.YOUTUBE, SCHEMA_VERSION);
    this.schema = StructureSchema.load(pageType);
    this.reader = PrunedJson.forSchemaResource(pageType.schemaResource());
  }

  @Override
  public final PageType pageType() {
    return pageType;
  }

  @Override
  public final StructureSchema schema() {
    return schema;
  }

  /** The pruned structure this parser checks: only the paths its schema declares. */
  @Override
  public final Optional<JsonNode> structure(Capture capture) {
    try {
      return Optional.ofNullable(extract(new YoutubeWebPage(capture)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The reader keeping what this page type's schema declares. */
  final PrunedJson reader() {
    return reader;
  }

  @Override
  public final ParseResult parse(Capture capture, ParseContext context) {
    YoutubeWebPage page = new YoutubeWebPage(capture);
    Optional<ParseResult.Classified> classified =
        YoutubeWebWalls.classify(page).or(() -> classifyContent(page));
    if (classified.isPresent()) {
      return classified.get();
    }
    JsonNode data;
    try {
      data = extract(page);
    } catch (RuntimeException e) {
      return new ParseResult.Drifted(schema.unmappable(capture.url(), e));
    }
    if (data == null) {
      return new ParseResult.Drifted(schema.notJson(capture.url(), "no embedded data"));
    }
    return schema.checkThenMap(data, capture, context, source -> map(data, page, context, source));
  }

  /** What the document says instead of content, after the walls; empty by default. */
  Optional<ParseResult.Classified> classifyContent(YoutubeWebPage page) {
    return Optional.empty();
  }

  /**
   * The structure to check: a JSON body itself, or the page's {@code ytInitialData}; null when
   * neither is there.
   */
  @Nullable JsonNode extract(YoutubeWebPage page) {
    int at = page.isJson() ? page.start() : page.assignedObject("ytInitialData");
    return reader.read(page.body(), at);
  }

  abstract ParseResult map(
      JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source);
}
