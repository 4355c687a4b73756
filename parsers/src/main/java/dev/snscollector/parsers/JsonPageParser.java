package dev.snscollector.parsers;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.RecordSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Base of parsers for JSON documents. It fixes the order every parser follows:
 *
 * <ol>
 *   <li>read the body as JSON; a body that is not JSON is either classified by its status ({@link
 *       #classifyNonJson}) or reported as drift at path {@code ""} with found {@code "not JSON"};
 *   <li>classify error and wall documents ({@link #classify}): these are never drift;
 *   <li>check the page type's {@link StructureSchema}: a failing document is drift, no records;
 *   <li>map the document to records ({@link #map}), which may rely on everything the schema
 *       declares.
 * </ol>
 *
 * <p>{@link #parse} never throws for a bad document. If {@link #map} throws on a document that
 * passed the schema, the schema is missing something the parser relies on; that is reported as
 * drift with keyword {@code parser}, so the page is kept and the gap is visible.
 */
public abstract class JsonPageParser implements PageParser {
  private final PageType pageType;
  private final StructureSchema schema;

  protected JsonPageParser(PageType pageType) {
    this.pageType = pageType;
    this.schema = StructureSchema.load(pageType);
  }

  @Override
  public final PageType pageType() {
    return pageType;
  }

  @Override
  public final StructureSchema schema() {
    return schema;
  }

  @Override
  public final Optional<JsonNode> structure(Capture capture) {
    return Optional.ofNullable(readJson(capture.body()));
  }

  @Override
  public final ParseResult parse(Capture capture, ParseContext context) {
    JsonNode doc = readJson(capture.body());
    if (doc == null) {
      Optional<ParseResult.Classified> classified = classifyNonJson(capture);
      if (classified.isPresent()) {
        return classified.get();
      }
      return new ParseResult.Drifted(schema.notJson(capture.url(), "not JSON"));
    }
    Optional<ParseResult.Classified> classified = classify(capture, doc);
    if (classified.isPresent()) {
      return classified.get();
    }
    return schema.checkThenMap(doc, capture, context, source -> map(doc, capture, context, source));
  }

  /** The body as a JSON tree, or null when it is empty or not JSON. */
  public static @Nullable JsonNode readJson(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JacksonException e) {
      return null;
    }
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
