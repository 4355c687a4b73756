package dev.snscollector.parsers;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The structure schema of one page type: a JSON Schema (draft 2020-12) on the classpath at {@link
 * PageType#schemaResource()} that declares exactly the paths and types its parser relies on, and
 * nothing more. Its {@code $id} ends in {@code /v<schemaVersion>}.
 *
 * <p>{@link #check} turns a failing document into a {@link DriftReport}: one {@link PathFailure}
 * per failing path (array indexes folded, so 50 items that lost the same field report it once, at
 * the first item), each saying what the schema expected, what the document had, and which keys the
 * nearest existing parent object holds that the schema does not declare, which is usually where a
 * renamed field shows up.
 *
 * <p>Failure modes: {@link #load} throws {@link IllegalStateException} when the resource is missing
 * or its {@code $id} does not carry the page type's version (a build error, never a runtime one).
 * {@link #check} never throws. Instances are immutable and thread-safe.
 */
public final class StructureSchema {
  /** At most this many failures are reported per document; the first ones are the useful ones. */
  static final int MAX_FAILURES = 20;

  /**
   * Annotation on a schema property whose absence the platform documents as meaning something: its
   * value is the {@link dev.snscollector.contracts.Unavailable} reason the mapper records (the Data
   * API omits {@code statistics.commentCount} when comments are turned off), or the {@link
   * dev.snscollector.contracts.Outcome} the parser classifies the document as ({@code not_found}
   * when it omits {@code items}). Such a property's parent should be closed ({@code
   * additionalProperties: false}) so that a rename is drift rather than a documented absence.
   */
  public static final String ABSENT_MEANS = "x-absent-means";

  /**
   * The {@value #ABSENT_MEANS} value of a list container the platform leaves out when it has no
   * items (Graph API field expansion omits an edge without items): its absence means none, so the
   * records read from it are absent too.
   */
  public static final String NO_ITEMS = "no_items";

  // Draft 2020-12 with the project's one annotation keyword, which never fails a document: the
  // mapper and the mutation tests read it, the validator only has to know it.
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new AnnotationKeyword("x-absent-means"))
              .build(),
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .formatAssertionsEnabled(true)
                      .pathType(PathType.JSON_POINTER)
                      .build()));

  private final PageType pageType;
  private final String id;
  private final JsonNode schemaNode;
  private final Schema schema;

  private StructureSchema(PageType pageType, String id, JsonNode schemaNode, Schema schema) {
    this.pageType = pageType;
    this.id = id;
    this.schemaNode = schemaNode;
    this.schema = schema;
  }

  /** Loads the page type's schema from the classpath. */
  public static StructureSchema load(PageType pageType) {
    String resource = pageType.schemaResource();
    JsonNode node;
    try (InputStream in = StructureSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("structure schema missing from the classpath: " + resource);
      }
      node = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read structure schema " + resource, e);
    }
    String id = node.path("$id").asString("");
    if (!id.endsWith("/v" + pageType.schemaVersion())) {
      throw new IllegalStateException(
          resource + ": $id '" + id + "' must end in /v" + pageType.schemaVersion());
    }
    return new StructureSchema(pageType, id, node, REGISTRY.getSchema(node));
  }

  public PageType pageType() {
    return pageType;
  }

  /** The schema document itself. */
  public JsonNode schemaNode() {
    return schemaNode;
  }

  /** The schema's {@code $id}. */
  public String id() {
    return id;
  }

  public int version() {
    return pageType.schemaVersion();
  }

  /** Empty when {@code doc} matches; otherwise the drift report for it. */
  public Optional<DriftReport> check(JsonNode doc, String url) {
    List<Error> errors = schema.validate(doc);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    List<PathFailure> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Error e : errors) {
      PathFailure f = failure(e, doc);
      if (seen.add(f.keyword() + " " + SchemaPaths.generalized(f.path()))
          && failures.size() < MAX_FAILURES) {
        failures.add(f);
      }
    }
    return Optional.of(report(url, failures));
  }

  /**
   * Whether the schema declares the document location {@code pointer} (in any branch of its
   * conditions). Every location a mapper reads must be declared: the mutation tests check it.
   */
  public boolean declares(String pointer) {
    return !SchemaPaths.schemasAt(schemaNode, SchemaPaths.segments(pointer)).isEmpty();
  }

  /**
   * What the absence of {@code pointer} means, where the schema says so with the annotation {@value
   * #ABSENT_MEANS}: an {@link dev.snscollector.contracts.Unavailable} or {@link
   * dev.snscollector.contracts.Outcome} wire name. Empty for every other location.
   */
  public Optional<String> absentMeans(String pointer) {
    for (JsonNode node : SchemaPaths.schemasAt(schemaNode, SchemaPaths.segments(pointer))) {
      if (node.path(ABSENT_MEANS).isString()) {
        return Optional.of(node.get(ABSENT_MEANS).asString());
      }
    }
    return Optional.empty();
  }

  /** Drift for a body that is not JSON where JSON was expected: one failure at the root. */
  public DriftReport notJson(String url, String what) {
    return report(url, List.of(new PathFailure("", "type", "JSON document", what, List.of())));
  }

  /**
   * Drift for a document that passed the schema but that the parser still could not map: the schema
   * is missing a constraint the parser relies on. Reported, not thrown, so the page is kept.
   */
  public DriftReport unmappable(String url, RuntimeException cause) {
    String found = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return report(
        url,
        List.of(new PathFailure("", "parser", "a document the parser can map", found, List.of())));
  }

  private DriftReport report(String url, List<PathFailure> failures) {
    return new DriftReport(id, pageType.schemaVersion(), url, failures);
  }

  private PathFailure failure(Error e, JsonNode doc) {
    String at = e.getInstanceLocation().toString();
    List<String> segments = SchemaPaths.segments(at);
    String keyword = e.getKeyword() == null ? "unknown" : e.getKeyword();
    if (("required".equals(keyword)
            || "additionalProperties".equals(keyword)
            || "unevaluatedProperties".equals(keyword))
        && e.getProperty() != null) {
      segments.add(e.getProperty());
    }
    String path = SchemaPaths.pointer(segments);
    String expected = SchemaPaths.expected(SchemaPaths.schemaAt(schemaNode, segments));
    String found = SchemaPaths.found(doc.at(path));
    List<String> parent = segments.isEmpty() ? segments : segments.subList(0, segments.size() - 1);
    return new PathFailure(
        path, keyword, expected, found, SchemaPaths.newKeys(schemaNode, doc, parent));
  }
}
