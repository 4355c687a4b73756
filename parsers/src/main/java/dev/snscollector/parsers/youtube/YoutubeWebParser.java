package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.DocumentParser;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.PrunedJson;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Base of the YouTube web parsers, on the {@link DocumentParser} pipeline: walls ({@link
 * YoutubeWebWalls}), then what the document itself says instead of content ({@link
 * #classifyContent}, e.g. a watch page's playability status), then extraction, the structure
 * schema, {@link #map} and the record checks.
 *
 * <p>A YouTube page must be processed in well under 5 ms per MB: the page is scanned as bytes
 * ({@link YoutubeWebPage}) and its embedded JSON read with only the paths the schema declares
 * ({@link PrunedJson}). No DOM is built and the page is never decoded to UTF-8 text.
 */
abstract class YoutubeWebParser extends DocumentParser {
  static final int SCHEMA_VERSION = 1;

  private final PrunedJson reader;

  YoutubeWebParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.YOUTUBE, SCHEMA_VERSION));
    this.reader = PrunedJson.forSchema(schema().schemaNode());
  }

  /** The reader keeping what this page type's schema declares. */
  final PrunedJson reader() {
    return reader;
  }

  @Override
  protected final Optional<ParseResult.Classified> classify(DocumentView doc) {
    YoutubeWebPage page = new YoutubeWebPage(doc);
    return YoutubeWebWalls.classify(page).or(() -> classifyContent(page));
  }

  @Override
  protected final @Nullable JsonNode extract(DocumentView doc) {
    return extract(new YoutubeWebPage(doc));
  }

  @Override
  protected final List<EmbeddedJson.Location> embedded(DocumentView doc) {
    return locations(new YoutubeWebPage(doc));
  }

  @Override
  protected final ParseResult map(
      JsonNode structure, DocumentView doc, ParseContext context, RecordSource source) {
    return map(structure, new YoutubeWebPage(doc), context, source);
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

  /** Where {@link #extract} reads its JSON; overridden with {@link #extract}. */
  List<EmbeddedJson.Location> locations(YoutubeWebPage page) {
    int at = page.isJson() ? page.start() : page.assignedObject("ytInitialData");
    return at < 0 ? List.of() : List.of(new EmbeddedJson.Location("", at));
  }

  abstract ParseResult map(
      JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source);
}
