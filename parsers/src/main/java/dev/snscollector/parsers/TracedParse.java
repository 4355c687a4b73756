package dev.snscollector.parsers;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A parse with what it read: for mutation tests and {@code parse --trace}.
 *
 * @param result the parse's result, the same a normal parse gives
 * @param structure the structure that was checked and mapped; null when the document was classified
 *     or carried none
 * @param touched JSON pointers into {@code structure} the mapper read, in the order first read,
 *     including lookups of keys that were absent
 * @param domSources for structures built from the DOM: the pointer of each value with the CSS
 *     selector of the element it came from
 */
public record TracedParse(
    ParseResult result,
    @Nullable JsonNode structure,
    List<String> touched,
    Map<String, String> domSources) {
  public TracedParse {
    touched = List.copyOf(touched);
    domSources = Map.copyOf(domSources);
  }
}
