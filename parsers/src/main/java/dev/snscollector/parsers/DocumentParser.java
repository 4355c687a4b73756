package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.RecordSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one parse pipeline every page type runs, over a {@link DocumentView}:
 *
 * <ol>
 *   <li>{@link #classify}: a wall, block, error or absence page is a {@link ParseResult.Classified}
 *       and never drift;
 *   <li>{@link #extract}: the structure the parser relies on (the JSON body, JSON embedded in the
 *       page, or an intermediate tree built from the DOM); nothing found is drift at path {@code
 *       ""};
 *   <li>the page type's {@link StructureSchema}, value contract included: a failing structure is
 *       drift naming each failing path;
 *   <li>{@link #map}: records from the structure. A mapping that throws is drift with keyword
 *       {@code parser} (the schema misses a constraint);
 *   <li>{@link RecordChecks}: every record against the record schema and the record contract. A
 *       record with a value gone without a reason is drift with keyword {@code record}, never an ok
 *       record.
 * </ol>
 *
 * <p>{@link #parse} never throws for a bad document; it throws {@link MissingContextException} when
 * the caller left out what the page type needs besides the document. {@link #parseTraced} runs the
 * same steps with a structure that records every JSON pointer the mapper reads (and, for DOM pages,
 * the element each value came from): the mutation tests are derived from it.
 */
public abstract non-sealed class DocumentParser implements PageParser {
  private final PageType pageType;
  private final StructureSchema schema;

  protected DocumentParser(PageType pageType) {
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
    try {
      return Optional.ofNullable(extract(new DocumentView(capture)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public final ParseResult parse(Capture capture, ParseContext context) {
    return run(new DocumentView(capture), context, null).result();
  }

  @Override
  public final TracedParse parseTraced(Capture capture, ParseContext context) {
    DomTrace dom = new DomTrace();
    return run(DocumentView.traced(capture, dom), context, new TouchedPaths());
  }

  @Override
  public List<EmbeddedJson.Location> embedded(Capture capture) {
    return embedded(new DocumentView(capture));
  }

  private TracedParse run(DocumentView doc, ParseContext context, @Nullable TouchedPaths touched) {
    String url = doc.url();
    Optional<ParseResult.Classified> classified;
    try {
      classified = classify(doc);
    } catch (RuntimeException e) {
      return traced(new ParseResult.Drifted(schema.unmappable(url, e)), null, touched, doc);
    }
    if (classified.isPresent()) {
      return traced(classified.get(), null, touched, doc);
    }
    JsonNode structure;
    try {
      structure = extract(doc);
    } catch (RuntimeException e) {
      return traced(new ParseResult.Drifted(schema.unmappable(url, e)), null, touched, doc);
    }
    if (structure == null) {
      return traced(
          new ParseResult.Drifted(schema.notJson(url, missingDescription(doc))),
          null,
          touched,
          doc);
    }
    Optional<DriftReport> drift = schema.check(structure, url);
    if (drift.isPresent()) {
      return traced(new ParseResult.Drifted(drift.get()), structure, touched, doc);
    }
    RecordSource source =
        new RecordSource(
            context.route(), url, pageType.id(), pageType.schemaVersion(), context.jobId());
    JsonNode read = touched == null ? structure : touched.wrap(structure);
    ParseResult result;
    try {
      result = map(read, doc, context, source);
    } catch (MissingContextException e) {
      throw e;
    } catch (RuntimeException e) {
      return traced(new ParseResult.Drifted(schema.unmappable(url, e)), structure, touched, doc);
    }
    if (result instanceof ParseResult.Parsed parsed) {
      Optional<DriftReport> bad = RecordChecks.check(schema, url, parsed.records());
      if (bad.isPresent()) {
        result = new ParseResult.Drifted(bad.get());
      }
    }
    return traced(result, structure, touched, doc);
  }

  private TracedParse traced(
      ParseResult result,
      @Nullable JsonNode structure,
      @Nullable TouchedPaths touched,
      DocumentView doc) {
    if (touched == null) {
      return new TracedParse(result, structure, List.of(), Map.of());
    }
    DomTrace dom = doc.domTrace();
    Map<String, String> sources =
        dom == null || structure == null ? Map.of() : dom.resolve(structure);
    return new TracedParse(result, structure, touched.inOrder(), sources);
  }

  /** A wall, block, error or absence document, recognized before anything is extracted. */
  protected abstract Optional<ParseResult.Classified> classify(DocumentView doc);

  /** The structure the parser relies on, or null when the document does not carry it. */
  protected abstract @Nullable JsonNode extract(DocumentView doc);

  /** What the drift report says was found when {@link #extract} found nothing. */
  protected String missingDescription(DocumentView doc) {
    return "no embedded data";
  }

  /**
   * Where the structure's JSON lies in the body, for tools that rewrite the document (mutation
   * tests, fixture edits): one location per embedded JSON value, with the pointer under which the
   * structure holds it. Empty for structures built from the DOM.
   */
  protected List<EmbeddedJson.Location> embedded(DocumentView doc) {
    return List.of();
  }

  /**
   * Records from a structure that passed the schema. Returns {@link ParseResult.Parsed}, or {@link
   * ParseResult.Classified} when the document is valid but says the target is absent.
   */
  protected abstract ParseResult map(
      JsonNode structure, DocumentView doc, ParseContext context, RecordSource source);
}
