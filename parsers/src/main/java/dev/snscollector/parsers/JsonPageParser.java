package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.RecordSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link DocumentParser} pipeline for JSON documents (API responses): the structure is the body
 * itself.
 *
 * <ol>
 *   <li>a body that is not JSON is classified by its status ({@link #classifyNonJson}) or reported
 *       as drift at path {@code ""} with found {@code "not JSON"};
 *   <li>error and wall bodies are classified ({@link #classify}): these are never drift;
 *   <li>the structure schema, then {@link #map}, then the record checks.
 * </ol>
 */
public abstract class JsonPageParser extends DocumentParser {
  protected JsonPageParser(PageType pageType) {
    super(pageType);
  }

  /** The body as a JSON tree, or null when it is empty or not JSON. */
  public static @Nullable JsonNode readJson(byte[] body) {
    return DocumentView.readJson(body);
  }

  @Override
  protected final Optional<ParseResult.Classified> classify(DocumentView doc) {
    JsonNode json = doc.json();
    return json == null ? classifyNonJson(doc.capture()) : classify(doc.capture(), json);
  }

  @Override
  protected final @Nullable JsonNode extract(DocumentView doc) {
    return doc.json();
  }

  @Override
  protected final String missingDescription(DocumentView doc) {
    return "not JSON";
  }

  @Override
  protected final List<EmbeddedJson.Location> embedded(DocumentView doc) {
    return List.of(new EmbeddedJson.Location("", doc.start()));
  }

  @Override
  protected final ParseResult map(
      JsonNode structure, DocumentView doc, ParseContext context, RecordSource source) {
    return map(structure, doc.capture(), context, source);
  }

  /** A body that is not JSON: a wall or error page by its status, or empty to report drift. */
  protected abstract Optional<ParseResult.Classified> classifyNonJson(Capture capture);

  /** An error or wall document, classified; empty for a document that should hold content. */
  protected abstract Optional<ParseResult.Classified> classify(Capture capture, JsonNode doc);

  /**
   * Maps a document that passed the structure schema. Returns {@link ParseResult.Parsed}, or {@link
   * ParseResult.Classified} when the document is valid but says the target is absent.
   */
  protected abstract ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source);
}
