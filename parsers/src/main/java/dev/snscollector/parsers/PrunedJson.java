package dev.snscollector.parsers;

import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON value out of a page, keeping only what a structure schema declares.
 *
 * <p>Why: {@code ytInitialData} and TikTok's rehydration data are 0.5–1 MB per page, and building
 * the whole tree costs several milliseconds, over the whole per-page budget. The structure schema
 * already names every path the parser relies on, so it doubles as the filter: a property the schema
 * declares is read (through {@code properties}, {@code additionalProperties}, {@code items}, local
 * {@code $ref}s and the branches of {@code anyOf}/{@code oneOf}/{@code allOf}); a schema node
 * without any of those keywords is read whole; anything else is skipped by the tokenizer without
 * building nodes, and kept as a {@code null} placeholder so that a drift report can still name the
 * keys that are new.
 *
 * <p>Reading starts at a byte offset, so the page is never decoded to a {@link String}. Instances
 * are immutable and thread-safe. {@link #read} returns null for input that is not JSON.
 */
public final class PrunedJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 64;

  private final Filter root;

  private PrunedJson(Filter root) {
    this.root = root;
  }

  /** A reader keeping what the schema at {@code resource} declares. */
  public static PrunedJson forSchemaResource(String resource) {
    try (InputStream in = PrunedJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + resource);
      }
      return forSchema(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PrunedJson forSchema(JsonNode schema) {
    return new PrunedJson(compile(schema, List.of(schema), 0));
  }

  /**
   * A reader keeping the given paths, written {@code a/b/[]/c}: {@code []} is every element of an
   * array; a path ending in {@code {}} keeps the object's keys but none of their values. For
   * recognizing a document without reading it.
   */
  public static PrunedJson forPaths(String... paths) {
    ObjectNode schema = NODES.objectNode();
    for (String path : paths) {
      ObjectNode at = schema;
      for (String segment : path.split("/")) {
        at =
            switch (segment) {
              case "[]" -> at.has("items") ? (ObjectNode) at.get("items") : at.putObject("items");
              // A property no document has: the object is read with its keys only.
              case "{}" -> at.putObject("properties").putObject("(keys only)");
              default -> {
                ObjectNode props =
                    at.has("properties")
                        ? (ObjectNode) at.get("properties")
                        : at.putObject("properties");
                yield props.has(segment)
                    ? (ObjectNode) props.get(segment)
                    : props.putObject(segment);
              }
            };
      }
    }
    return forSchema(schema);
  }

  /** The reader for the property {@code name} of the root (a watch page's two documents). */
  public PrunedJson property(String name) {
    Filter child = root.child(name);
    return new PrunedJson(child == null ? Filter.ALL : child);
  }

  /**
   * The value starting at {@code offset} (leading whitespace allowed), pruned; null if not JSON.
   */
  public @Nullable JsonNode read(byte[] body, int offset) {
    if (offset < 0 || offset >= body.length) {
      return null;
    }
    try (JsonParser p = Json.MAPPER.createParser(body, offset, body.length - offset)) {
      JsonToken first = p.nextToken();
      return first == null ? null : value(p, root, 0);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static JsonNode value(JsonParser p, Filter f, int depth) {
    JsonToken t = p.currentToken();
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
    }
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
          p.nextToken();
          Filter child = f.child(name);
          if (child == null) {
            p.skipChildren();
            o.set(name, NODES.nullNode());
          } else {
            o.set(name, value(p, child, depth + 1));
          }
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        Filter items = f.items();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (items == null) {
            p.skipChildren();
            a.add(NODES.nullNode());
          } else {
            a.add(value(p, items, depth + 1));
          }
        }
        yield a;
      }
      case VALUE_STRING -> NODES.stringNode(p.getString());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      default -> NODES.nullNode();
    };
  }

  /**
   * The compiled filter: for each declared property, the filter of its value; {@link #ALL} keeps a
   * value whole.
   */
  private record Filter(
      @Nullable Map<String, Filter> properties,
      @Nullable Filter additional,
      @Nullable Filter elements) {
    static final Filter ALL = new Filter(null, null, null);

    boolean keepsAll() {
      return properties == null && additional == null && elements == null;
    }

    @Nullable Filter child(String name) {
      if (keepsAll()) {
        return ALL;
      }
      Filter declared = properties == null ? null : properties.get(name);
      return declared != null ? declared : additional;
    }

    @Nullable Filter items() {
      return keepsAll() ? ALL : elements;
    }
  }

  private static Filter compile(JsonNode root, List<JsonNode> schemas, int depth) {
    List<JsonNode> flat = new ArrayList<>();
    for (JsonNode s : schemas) {
      flatten(root, s, flat, 0);
    }
    boolean structured = false;
    Map<String, List<JsonNode>> props = new HashMap<>();
    List<JsonNode> additional = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode s : flat) {
      for (Map.Entry<String, JsonNode> e : s.path("properties").properties()) {
        props.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        structured = true;
      }
      if (s.path("additionalProperties").isObject()) {
        additional.add(s.get("additionalProperties"));
        structured = true;
      }
      if (s.path("items").isObject()) {
        items.add(s.get("items"));
        structured = true;
      }
    }
    if (!structured || depth > MAX_DEPTH) {
      return Filter.ALL;
    }
    Map<String, Filter> compiled = new HashMap<>();
    props.forEach((k, v) -> compiled.put(k, compile(root, v, depth + 1)));
    return new Filter(
        compiled,
        additional.isEmpty() ? null : compile(root, additional, depth + 1),
        items.isEmpty() ? null : compile(root, items, depth + 1));
  }

  /** The schema with its {@code $ref} resolved and the branches of its combinators added. */
  private static void flatten(JsonNode root, JsonNode schema, List<JsonNode> out, int hops) {
    if (hops > 8) {
      return;
    }
    JsonNode s = schema;
    if (s.path("$ref").isString() && s.get("$ref").asString().startsWith("#")) {
      s = root.at(s.get("$ref").asString().substring(1));
    }
    out.add(s);
    for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
      for (JsonNode branch : s.path(combinator)) {
        flatten(root, branch, out, hops + 1);
      }
    }
  }
}
