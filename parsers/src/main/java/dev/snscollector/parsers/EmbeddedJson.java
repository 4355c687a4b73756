package dev.snscollector.parsers;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds JSON embedded in HTML by scanning the text, without a DOM: the object assigned to a
 * variable ({@code var ytInitialData = {...};}) or the content of a {@code <script id="...">}.
 */
public final class EmbeddedJson {
  /**
   * Where one JSON value lies in a document's body.
   *
   * @param pointer the pointer under which the parser's structure holds it ({@code ""} when the
   *     structure is that value)
   * @param offset the byte offset of its first character in the body
   */
  public record Location(String pointer, int offset) {}

  private EmbeddedJson() {}

  /**
   * The JSON object assigned to {@code name} ({@code name = {...}}, {@code window["name"] =
   * {...}}), or null when the page has none or it is not valid JSON.
   */
  public static @Nullable JsonNode assigned(String html, String name) {
    int from = 0;
    while (true) {
      int at = html.indexOf(name, from);
      if (at < 0) {
        return null;
      }
      int i = at + name.length();
      while (i < html.length()
          && (html.charAt(i) == ' '
              || html.charAt(i) == '"'
              || html.charAt(i) == '\''
              || html.charAt(i) == ']')) {
        i++;
      }
      if (i < html.length() && html.charAt(i) == '=') {
        i++;
        while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
          i++;
        }
        if (i < html.length() && html.charAt(i) == '{') {
          int end = objectEnd(html, i);
          if (end > 0) {
            return JsonPageParser.readJson(
                html.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
      from = at + name.length();
    }
  }

  /** The JSON content of {@code <script id="id" ...>…</script>}, or null. */
  public static @Nullable JsonNode scriptById(String html, String id) {
    int at = html.indexOf("id=\"" + id + "\"");
    if (at < 0) {
      return null;
    }
    int open = html.indexOf('>', at);
    int close = open < 0 ? -1 : html.indexOf("</script>", open);
    if (close < 0) {
      return null;
    }
    return JsonPageParser.readJson(
        html.substring(open + 1, close).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Index just past the object starting at {@code start}, honouring strings; -1 if unbalanced. */
  static int objectEnd(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }
}
