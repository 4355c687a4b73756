package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Json;
import dev.snscollector.parsers.DomTrace;
import dev.snscollector.parsers.text.Counts.Count;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The flat intermediate tree the page parsers build from a page's meta tags: one key per value,
 * each recorded in the parse's {@link DomTrace} with the element it came from, so that a mutation
 * test removes or renames the element itself. Flat on purpose: a tag that goes missing leaves every
 * key read from it missing, and the schema names each of them.
 */
final class InstagramMetaTree {
  private final ObjectNode tree = Json.MAPPER.createObjectNode();
  private final @Nullable DomTrace trace;

  InstagramMetaTree(@Nullable DomTrace trace) {
    this.trace = trace;
  }

  ObjectNode tree() {
    return tree;
  }

  void put(String key, String value, Element from) {
    tree.put(key, value);
    traced(key, from);
  }

  void put(String key, long value, Element from) {
    tree.put(key, value);
    traced(key, from);
  }

  void put(String key, boolean value, Element from) {
    tree.put(key, value);
    traced(key, from);
  }

  /** A count as {@code key} and whether it was abbreviated as {@code key + "Approximate"}. */
  void count(String key, Count count, Element from) {
    put(key, count.value(), from);
    put(key + "Approximate", count.approximate(), from);
  }

  private void traced(String key, Element from) {
    if (trace != null) {
      trace.from(tree, key, from);
    }
  }
}
