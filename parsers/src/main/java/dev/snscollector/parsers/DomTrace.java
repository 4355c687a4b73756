package dev.snscollector.parsers;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * For parsers that read a page through its DOM and build an intermediate JSON structure from it:
 * which element each value of that structure came from, as a CSS selector that finds the element
 * again ({@link Element#cssSelector()}). A traced parse resolves it to JSON pointer → selector, so
 * that a mutation test can remove or rename the element itself rather than the value. Extraction
 * records into it only when {@link DocumentView#domTrace()} is set.
 *
 * <p>Not thread-safe; one per traced parse.
 */
public final class DomTrace {
  private final IdentityHashMap<JsonNode, Map<String, Element>> sources = new IdentityHashMap<>();

  /** Records that {@code parent.get(key)} was read from {@code source}. */
  public void from(ObjectNode parent, String key, Element source) {
    sources.computeIfAbsent(parent, p -> new LinkedHashMap<>()).put(key, source);
  }

  /** Records that the last element of {@code parent} was read from {@code source}. */
  public void fromLast(ArrayNode parent, Element source) {
    sources
        .computeIfAbsent(parent, p -> new LinkedHashMap<>())
        .put(Integer.toString(parent.size() - 1), source);
  }

  /** Each traced value of {@code root}, by JSON pointer, with the selector of its element. */
  public Map<String, String> resolve(JsonNode root) {
    Map<String, String> out = new LinkedHashMap<>();
    walk(root, "", out);
    return out;
  }

  private void walk(JsonNode node, String at, Map<String, String> out) {
    Map<String, Element> here = sources.get(node);
    if (here != null) {
      here.forEach((key, el) -> out.put(at + "/" + TouchedPaths.escape(key), el.cssSelector()));
    }
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        walk(e.getValue(), at + "/" + TouchedPaths.escape(e.getKey()), out);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        walk(a.get(i), at + "/" + i, out);
      }
    }
  }
}
