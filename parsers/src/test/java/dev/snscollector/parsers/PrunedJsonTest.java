package dev.snscollector.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PrunedJsonTest {
  private static final String SCHEMA =
      """
      {"properties": {
        "keep": {"type": "object", "properties": {"a": {"type": "string"}}},
        "whole": {"type": "object"},
        "list": {"type": "array", "items": {"$ref": "#/$defs/item"}},
        "either": {"anyOf": [
          {"properties": {"x": {"type": "integer"}}},
          {"properties": {"y": {"type": "integer"}}}]}
      },
      "$defs": {"item": {"properties": {"id": {"type": "string"}}}}}""";

  private static JsonNode read(String json, int offset) {
    return PrunedJson.forSchema(Json.MAPPER.readTree(SCHEMA))
        .read(json.getBytes(StandardCharsets.UTF_8), offset);
  }

  @Test
  void declaredPathsAreKeptAndUndeclaredValuesBecomeNullPlaceholdersUnderTheirKeys() {
    JsonNode doc =
        read(
            "{\"keep\": {\"a\": \"한글 ✨\", \"b\": {\"deep\": [1,2,3]}},"
                + " \"whole\": {\"n\": [1, {\"m\": true}]},"
                + " \"list\": [{\"id\": \"1\", \"big\": \"x\"}, {\"id\": \"2\"}],"
                + " \"either\": {\"x\": 1, \"y\": 2, \"z\": 3},"
                + " \"skipped\": {\"huge\": [1,2,3]}}",
            0);

    assertThat(doc.at("/keep/a").asString()).isEqualTo("한글 ✨");
    assertThat(doc.at("/keep/b").isNull()).isTrue();
    assertThat(doc.at("/whole").toString()).isEqualTo("{\"n\":[1,{\"m\":true}]}");
    assertThat(doc.at("/list/1/id").asString()).isEqualTo("2");
    assertThat(doc.at("/list/0/big").isNull()).isTrue();
    assertThat(doc.at("/either/x").asInt()).isEqualTo(1);
    assertThat(doc.at("/either/y").asInt()).isEqualTo(2);
    assertThat(doc.at("/either/z").isNull()).isTrue();
    assertThat(doc.get("skipped").isNull()).isTrue();
  }

  @Test
  void readingStartsAtTheOffsetAndStopsAfterOneValue() {
    String page = "<script>var ytInitialData = {\"keep\": {\"a\": \"v\"}};var other = {};</script>";

    JsonNode doc = read(page, page.indexOf('{'));

    assertThat(doc.at("/keep/a").asString()).isEqualTo("v");
  }

  @Test
  void somethingThatIsNotJsonReadsAsNull() {
    assertThat(read("{\"keep\": {\"a\": ", 0)).isNull();
    assertThat(read("{}", 5)).isNull();
    assertThat(read("{}", -1)).isNull();
  }

  @Test
  void aPathEndingInBracesKeepsTheKeysOfTheObjectOnly() {
    JsonNode doc =
        PrunedJson.forPaths("a/[]/b/{}", "c")
            .read(
                "{\"a\": [{\"b\": {\"k1\": {\"x\": 1}, \"k2\": 2}}], \"c\": 3, \"d\": 4}"
                    .getBytes(StandardCharsets.UTF_8),
                0);

    assertThat(doc.toString())
        .isEqualTo("{\"a\":[{\"b\":{\"k1\":null,\"k2\":null}}],\"c\":3,\"d\":null}");
  }
}
