package dev.snscollector.benchmarks;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.JsonPageParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Grows a fixture to a target size the way real pages are large: more items in the document's
 * largest list (a JSON body, or the JSON embedded in a page), and, for pages, the other scripts and
 * markup that surround the data.
 */
final class Inflate {
  private static final List<String> EMBEDDED = List.of("ytInitialData", "ytInitialPlayerResponse");
  private static final List<String> SCRIPT_IDS =
      List.of("__UNIVERSAL_DATA_FOR_REHYDRATION__", "SIGI_STATE");

  private Inflate() {}

  static Capture to(Capture c, int targetBytes) {
    JsonNode json = JsonPageParser.readJson(c.body());
    String body;
    if (json != null) {
      body = grow(json, targetBytes).toString();
    } else {
      body = growPage(new String(c.body(), StandardCharsets.UTF_8), targetBytes);
    }
    return new Capture(
        c.url(),
        c.method(),
        c.status(),
        c.headers(),
        body.getBytes(StandardCharsets.UTF_8),
        c.fetchedAt(),
        c.pageType());
  }

  private static String growPage(String html, int targetBytes) {
    for (String name : EMBEDDED) {
      JsonNode data = EmbeddedJson.assigned(html, name);
      if (data != null) {
        int at = html.indexOf(name);
        int start = html.indexOf('{', at);
        String text = html.substring(start);
        int end = start + endOfObject(text);
        html =
            html.substring(0, start)
                + grow(data, targetBytes * 3 / 4).toString()
                + html.substring(end);
        break;
      }
    }
    for (String id : SCRIPT_IDS) {
      JsonNode data = EmbeddedJson.scriptById(html, id);
      if (data != null) {
        int at = html.indexOf("id=\"" + id + "\"");
        int open = html.indexOf('>', at) + 1;
        int close = html.indexOf("</script>", open);
        html =
            html.substring(0, open)
                + grow(data, targetBytes * 3 / 4).toString()
                + html.substring(close);
        break;
      }
    }
    int missing = targetBytes - html.getBytes(StandardCharsets.UTF_8).length;
    if (missing > 0) {
      String filler =
          "<script>/* other page scripts */ var x = [" + "0,".repeat(missing / 2) + "0];</script>";
      int body = html.indexOf("<body");
      html = body < 0 ? filler + html : html.substring(0, body) + filler + html.substring(body);
    }
    return html;
  }

  private static int endOfObject(String s) {
    int depth = 0;
    boolean str = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (str) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          str = false;
        }
      } else if (ch == '"') {
        str = true;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return s.length();
  }

  /**
   * The document with its largest array's items repeated until it is about {@code target} bytes.
   */
  static JsonNode grow(JsonNode doc, int target) {
    JsonNode copy = doc.deepCopy();
    ArrayNode largest = largestArray(copy, null);
    if (largest == null || largest.isEmpty()) {
      return copy;
    }
    List<JsonNode> items = new ArrayList<>();
    largest.forEach(items::add);
    int size = copy.toString().length();
    int per = Math.max(1, items.stream().mapToInt(i -> i.toString().length()).sum() / items.size());
    int rounds = Math.max(0, (target - size) / per);
    for (int i = 0; i < rounds; i++) {
      largest.add(items.get(i % items.size()).deepCopy());
    }
    return copy;
  }

  private static @Nullable ArrayNode largestArray(JsonNode node, @Nullable ArrayNode best) {
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      if (best == null || a.toString().length() > best.toString().length()) {
        best = a;
      }
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      best = largestArray(e.getValue(), best);
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        best = largestArray(child, best);
      }
    }
    return best;
  }
}
