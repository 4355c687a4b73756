package dev.snscollector.parsers;

import dev.snscollector.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * without any of those keywords is read whole; anything else is passed over by matching its
 * brackets and quotes, without decoding its property names or building nodes, and kept as a {@code
 * null} placeholder so that a drift report can still name the keys that are new. What is read is
 * checked as strictly as JSON demands; what is passed over only for balanced brackets and closed
 * strings.
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
    try {
      Scanner in = new Scanner(body, offset);
      in.whitespace();
      return in.atEnd() ? null : in.value(root, 0);
    } catch (NotJson e) {
      return null;
    }
  }

  /** Thrown inside a read when the bytes are not JSON; {@link #read} answers null. */
  private static final class NotJson extends RuntimeException {
    private static final NotJson INSTANCE = new NotJson();

    private NotJson() {
      super("not JSON", null, false, false);
    }
  }

  /**
   * Reads JSON from bytes, building nodes only where the filter keeps them. A value the filter does
   * not keep is passed over by matching brackets and quotes: its property names are never decoded
   * or looked up, which is most of the cost of a tokenizer on a page's 0.5–1 MB of rehydration data
   * of which the mapping reads a few hundred bytes.
   */
  private static final class Scanner {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;

    /** The high bit of each byte of {@code v} that is zero (and perhaps of bytes above one). */
    private static long zeroByte(long v) {
      return (v - ONES) & ~v & 0x8080808080808080L;
    }

    /** Deeper than this the bytes are refused as not JSON, as Jackson's default limit does. */
    private static final int MAX_SKIP_DEPTH = 1000;

    private final byte[] b;
    private int pos;

    Scanner(byte[] body, int offset) {
      this.b = body;
      this.pos = offset;
    }

    boolean atEnd() {
      return pos >= b.length;
    }

    void whitespace() {
      while (pos < b.length) {
        byte c = b[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    private byte peek() {
      if (pos >= b.length) {
        throw NotJson.INSTANCE;
      }
      return b[pos];
    }

    private void expect(char c) {
      whitespace();
      if (peek() != c) {
        throw NotJson.INSTANCE;
      }
      pos++;
    }

    JsonNode value(Filter f, int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
      }
      whitespace();
      return switch (peek()) {
        case '{' -> object(f, depth);
        case '[' -> array(f, depth);
        case '"' -> NODES.stringNode(string());
        case 't' -> literal("true", NODES.booleanNode(true));
        case 'f' -> literal("false", NODES.booleanNode(false));
        case 'n' -> literal("null", NODES.nullNode());
        default -> number();
      };
    }

    private JsonNode object(Filter f, int depth) {
      ObjectNode o = NODES.objectNode();
      if (opensEmpty('}')) {
        return o;
      }
      do {
        whitespace();
        if (peek() != '"') {
          throw NotJson.INSTANCE;
        }
        String name = string();
        expect(':');
        o.set(name, keptOrPassedOver(f.child(name), depth));
      } while (continues('}'));
      return o;
    }

    private JsonNode array(Filter f, int depth) {
      ArrayNode a = NODES.arrayNode();
      if (opensEmpty(']')) {
        return a;
      }
      Filter items = f.items();
      do {
        a.add(keptOrPassedOver(items, depth));
      } while (continues(']'));
      return a;
    }

    /** Steps over the opening bracket; true (and past {@code close}) if nothing is inside. */
    private boolean opensEmpty(char close) {
      pos++;
      whitespace();
      if (peek() == close) {
        pos++;
        return true;
      }
      return false;
    }

    /** After a member: true at a comma, false at {@code close}; both are stepped over. */
    private boolean continues(char close) {
      whitespace();
      byte next = peek();
      pos++;
      if (next == ',') {
        return true;
      }
      if (next != close) {
        throw NotJson.INSTANCE;
      }
      return false;
    }

    /** The member's value, or its placeholder when the filter does not keep it. */
    private JsonNode keptOrPassedOver(@Nullable Filter f, int depth) {
      if (f == null) {
        skip();
        return NODES.nullNode();
      }
      return value(f, depth + 1);
    }

    /** Passes over one value without building it: brackets matched, strings and escapes obeyed. */
    private void skip() {
      whitespace();
      byte first = peek();
      if (first == '"') {
        skipString();
        return;
      }
      if (first != '{' && first != '[') {
        int start = pos;
        while (pos < b.length && isScalarByte(b[pos])) {
          pos++;
        }
        if (pos == start) {
          throw NotJson.INSTANCE;
        }
        return;
      }
      byte[] open = new byte[16];
      int depth = 0;
      while (pos < b.length) {
        byte c = b[pos];
        switch (c) {
          case '"' -> {
            skipString();
            continue;
          }
          case '{', '[' -> {
            if (depth == MAX_SKIP_DEPTH) {
              throw NotJson.INSTANCE;
            }
            if (depth == open.length) {
              open = java.util.Arrays.copyOf(open, depth * 2);
            }
            open[depth++] = c;
          }
          case '}', ']' -> {
            if (depth == 0 || open[--depth] != (c == '}' ? '{' : '[')) {
              throw NotJson.INSTANCE;
            }
            if (depth == 0) {
              pos++;
              return;
            }
          }
          default -> {}
        }
        pos++;
      }
      throw NotJson.INSTANCE;
    }

    private static boolean isScalarByte(byte c) {
      int lower = c | 0x20;
      return (lower >= 'a' && lower <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '+'
          || c == '.';
    }

    /**
     * Passes over a string; {@code pos} is at its opening quote and ends after the closing one.
     * Eight bytes at a time until one of them is a quote or a backslash: most of what is passed
     * over is inside strings.
     */
    private void skipString() {
      int i = pos + 1;
      while (i + 8 <= b.length) {
        long word = (long) LONGS.get(b, i);
        long found = zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES);
        if (found == 0) {
          i += 8;
          continue;
        }
        // The lowest flagged byte is exact (false flags only appear above a true one).
        i += Long.numberOfTrailingZeros(found) >>> 3;
        if (b[i] == '"') {
          pos = i + 1;
          return;
        }
        i += 2;
      }
      while (i < b.length) {
        byte c = b[i];
        if (c == '"') {
          pos = i + 1;
          return;
        }
        i += c == '\\' ? 2 : 1;
      }
      throw NotJson.INSTANCE;
    }

    /** Reads a string; {@code pos} is at its opening quote. */
    private String string() {
      int start = pos + 1;
      int i = start;
      while (i < b.length) {
        byte c = b[i];
        if (c == '"') {
          pos = i + 1;
          return new String(b, start, i - start, StandardCharsets.UTF_8);
        }
        if (c == '\\') {
          return escapedString(start);
        }
        if ((c & 0xff) < 0x20) {
          throw NotJson.INSTANCE;
        }
        i++;
      }
      throw NotJson.INSTANCE;
    }

    private String escapedString(int start) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder text = new StringBuilder();
      int i = start;
      while (true) {
        if (i >= b.length) {
          throw NotJson.INSTANCE;
        }
        byte c = b[i];
        if (c == '"') {
          break;
        }
        if ((c & 0xff) < 0x20) {
          throw NotJson.INSTANCE;
        }
        if (c != '\\') {
          out.write(c);
          i++;
          continue;
        }
        if (i + 1 >= b.length) {
          throw NotJson.INSTANCE;
        }
        text.append(out.toString(StandardCharsets.UTF_8));
        out.reset();
        byte e = b[i + 1];
        i += 2;
        switch (e) {
          case '"' -> text.append('"');
          case '\\' -> text.append('\\');
          case '/' -> text.append('/');
          case 'b' -> text.append('\b');
          case 'f' -> text.append('\f');
          case 'n' -> text.append('\n');
          case 'r' -> text.append('\r');
          case 't' -> text.append('\t');
          case 'u' -> {
            if (i + 4 > b.length) {
              throw NotJson.INSTANCE;
            }
            int code = 0;
            for (int k = 0; k < 4; k++) {
              int digit = Character.digit(b[i + k], 16);
              if (digit < 0) {
                throw NotJson.INSTANCE;
              }
              code = code * 16 + digit;
            }
            text.append((char) code);
            i += 4;
          }
          default -> throw NotJson.INSTANCE;
        }
      }
      text.append(out.toString(StandardCharsets.UTF_8));
      pos = i + 1;
      return text.toString();
    }

    private JsonNode literal(String word, JsonNode node) {
      int end = pos + word.length();
      if (end > b.length) {
        throw NotJson.INSTANCE;
      }
      for (int k = 0; k < word.length(); k++) {
        if (b[pos + k] != word.charAt(k)) {
          throw NotJson.INSTANCE;
        }
      }
      if (end < b.length && isScalarByte(b[end])) {
        throw NotJson.INSTANCE;
      }
      pos = end;
      return node;
    }

    /** A number as JSON writes it: the smallest of int, long and BigInteger, or a double. */
    private JsonNode number() {
      int start = pos;
      int i = pos;
      if (i < b.length && b[i] == '-') {
        i++;
      }
      int intStart = i;
      i = digits(i);
      if (i == intStart || (b[intStart] == '0' && i - intStart > 1)) {
        throw NotJson.INSTANCE;
      }
      boolean integral = true;
      if (i < b.length && b[i] == '.') {
        integral = false;
        int fraction = ++i;
        i = digits(i);
        if (i == fraction) {
          throw NotJson.INSTANCE;
        }
      }
      if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
        integral = false;
        i++;
        if (i < b.length && (b[i] == '+' || b[i] == '-')) {
          i++;
        }
        int exponent = i;
        i = digits(i);
        if (i == exponent) {
          throw NotJson.INSTANCE;
        }
      }
      if (i < b.length && isScalarByte(b[i])) {
        throw NotJson.INSTANCE;
      }
      pos = i;
      String text = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
      if (!integral) {
        return NODES.numberNode(Double.parseDouble(text));
      }
      if (i - intStart <= 18) {
        long v = Long.parseLong(text);
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
      }
      BigInteger v = new BigInteger(text);
      return v.bitLength() < 64 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
    }

    private int digits(int from) {
      int i = from;
      while (i < b.length && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      return i;
    }
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
