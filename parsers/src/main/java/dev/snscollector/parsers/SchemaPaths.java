package dev.snscollector.parsers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Walks a structure schema and a document side by side along a JSON pointer, to say what a drift
 * failure expected, what the document had, and which keys the document has that the schema does not
 * declare. Supports the subset the structure schemas use: {@code properties}, {@code items}, {@code
 * additionalProperties} and local {@code $ref}s.
 */
final class SchemaPaths {
  private static final int MAX_STRING = 40;
  private static final int MAX_KEYS = 12;

  private SchemaPaths() {}

  /** The segments of a JSON pointer ({@code ""} is the root), unescaped. */
  static List<String> segments(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  static String pointer(List<String> segments) {
    StringBuilder b = new StringBuilder();
    for (String s : segments) {
      b.append('/').append(s.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }

  /** The schema node describing the document location at {@code segments}, or null if none. */
  static @Nullable JsonNode schemaAt(JsonNode root, List<String> segments) {
    JsonNode node = resolve(root, root);
    for (String segment : segments) {
      if (node == null) {
        return null;
      }
      JsonNode next = null;
      if (isIndex(segment) && node.path("items").isObject()) {
        next = node.get("items");
      } else if (node.path("properties").has(segment)) {
        next = node.path("properties").get(segment);
      } else if (node.path("additionalProperties").isObject()) {
        next = node.get("additionalProperties");
      }
      node = next == null ? null : resolve(root, next);
    }
    return node;
  }

  /**
   * Every schema node that describes the document location at {@code segments}: through {@code
   * properties}, {@code items}, {@code additionalProperties} and local {@code $ref}s, and into the
   * branches of {@code allOf}, {@code anyOf}, {@code oneOf} and {@code if}/{@code then}/{@code
   * else}. Empty when the schema does not declare that location.
   */
  static List<JsonNode> schemasAt(JsonNode root, List<String> segments) {
    List<JsonNode> current = new ArrayList<>();
    expand(root, resolve(root, root), current, 0);
    for (String segment : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        JsonNode child = null;
        if (isIndex(segment) && node.path("items").isObject()) {
          child = node.get("items");
        } else if (node.path("properties").has(segment)) {
          child = node.path("properties").get(segment);
        } else if (node.path("additionalProperties").isObject()) {
          child = node.get("additionalProperties");
        }
        if (child != null) {
          expand(root, resolve(root, child), next, 0);
        }
      }
      current = next;
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  private static void expand(
      JsonNode root, @Nullable JsonNode node, List<JsonNode> out, int depth) {
    if (node == null || depth > 8) {
      return;
    }
    out.add(node);
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode branch : node.path(combinator)) {
        expand(root, resolve(root, branch), out, depth + 1);
      }
    }
    for (String branch : List.of("then", "else")) {
      if (node.path(branch).isObject()) {
        expand(root, resolve(root, node.get(branch)), out, depth + 1);
      }
    }
  }

  /** Human-readable expectation of a schema node: {@code string (date-time)}, {@code const "x"}. */
  static String expected(@Nullable JsonNode schema) {
    if (schema == null) {
      return "present";
    }
    if (schema.has("const")) {
      return "const " + schema.get("const");
    }
    if (schema.has("enum")) {
      return "one of " + schema.get("enum");
    }
    StringBuilder b = new StringBuilder();
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asString()));
      b.append(String.join("|", types));
    } else {
      b.append(type.isString() ? type.asString() : "any");
    }
    if (schema.path("format").isString()) {
      b.append(" (").append(schema.get("format").asString()).append(')');
    }
    if (schema.path("pattern").isString()) {
      b.append(" matching ").append(schema.get("pattern").asString());
    }
    return b.toString();
  }

  /** A short description of what the document holds: {@code string "abc"}, {@code missing}. */
  static String found(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      String s = node.asString();
      return "string \"" + (s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "…" : s) + "\"";
    }
    if (node.isNumber()) {
      return "number " + node;
    }
    if (node.isBoolean()) {
      return "boolean " + node;
    }
    if (node.isArray()) {
      return "array of " + node.size();
    }
    if (node.isObject()) {
      return "object with keys " + limited(new ArrayList<>(node.propertyNames()));
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Keys of the nearest existing object at or above {@code segments} in {@code doc} that its schema
   * does not declare. Empty when the schema accepts any key there.
   */
  static List<String> newKeys(JsonNode schemaRoot, JsonNode doc, List<String> segments) {
    List<String> at = new ArrayList<>(segments);
    while (true) {
      JsonNode node = doc.at(pointer(at));
      if (node.isObject()) {
        JsonNode schema = schemaAt(schemaRoot, at);
        if (schema == null || schema.path("additionalProperties").isObject()) {
          return List.of();
        }
        JsonNode declared = schema.path("properties");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
          String key = it.next();
          if (!declared.has(key)) {
            keys.add(key);
          }
        }
        return keys;
      }
      if (at.isEmpty()) {
        return List.of();
      }
      at.remove(at.size() - 1);
    }
  }

  /** The pointer with array indexes replaced by {@code *}, to report each failing path once. */
  static String generalized(String pointer) {
    return pointer.replaceAll("/[0-9]+(?=/|$)", "/*");
  }

  private static String limited(List<String> keys) {
    if (keys.size() <= MAX_KEYS) {
      return "[" + String.join(",", keys) + "]";
    }
    return "[" + String.join(",", keys.subList(0, MAX_KEYS)) + ",… " + keys.size() + " keys]";
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
  }

  private static @Nullable JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < 8 && current.path("$ref").isString(); hops++) {
      String ref = current.get("$ref").asString();
      if (!ref.startsWith("#")) {
        return null;
      }
      current = root.at(ref.substring(1));
      if (current.isMissingNode()) {
        return null;
      }
    }
    return current;
  }
}
