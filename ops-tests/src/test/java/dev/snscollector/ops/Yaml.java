package dev.snscollector.ops;

import dev.snscollector.contracts.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML documents as Jackson trees. */
final class Yaml {
  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  private Yaml() {}

  static JsonNode read(String text) {
    return MAPPER.readTree(text);
  }

  /**
   * One document with its aliases ({@code *name}) replaced by what their anchors hold, as compose
   * files use them. Jackson's YAML tree keeps an alias as its name, so this goes through
   * snakeyaml-engine (the parser under jackson-dataformat-yaml).
   */
  static JsonNode readResolvingAliases(String text) {
    Object document = new Load(LoadSettings.builder().build()).loadFromString(text);
    return Json.MAPPER.valueToTree(document);
  }

  /** Every document of a multi-document stream ({@code ---} separated), empty ones left out. */
  static List<JsonNode> readAll(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  /**
   * A compose {@code environment} mapping, with a YAML merge key ({@code <<: *anchor}) expanded:
   * YAML 1.2 parsers keep it as a plain key.
   */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    JsonNode merged = node.path("<<");
    if (merged.isObject()) {
      merged.properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    } else if (!merged.isMissingNode()) {
      throw new IllegalArgumentException("unresolved merge key: read with readResolvingAliases");
    }
    node.properties().stream()
        .filter(e -> !e.getKey().equals("<<"))
        .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    return env;
  }
}
