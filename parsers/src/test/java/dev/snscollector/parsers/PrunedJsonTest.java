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

  @Test
  void valuesReadAreTheNodesJacksonWouldBuild() {
    String json =
        "{\"whole\": {\"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00 한\", \"i\": -12,"
            + " \"zero\": 0, \"l\": 12345678901, \"big\": 123456789012345678901234567890,"
            + " \"maxLong\": 9223372036854775807, \"d\": 1.5e3, \"neg\": -0.25,"
            + " \"t\": true, \"f\": false, \"n\": null, \"e\": {}, \"a\": [ ],"
            + " \"nested\": [[1, [2]], {\"k\": [\"v\"]}]}}";

    JsonNode doc = read(json, 0);

    assertThat(doc.get("whole")).isEqualTo(Json.MAPPER.readTree(json).get("whole"));
    assertThat(doc.at("/whole/s").asString()).isEqualTo("a\"b\\c/d\né\uD83D\uDE00 한");
    assertThat(doc.at("/whole/i").isInt()).isTrue();
    assertThat(doc.at("/whole/l").isLong()).isTrue();
    assertThat(doc.at("/whole/maxLong").isLong()).isTrue();
    assertThat(doc.at("/whole/big").isBigInteger()).isTrue();
    assertThat(doc.at("/whole/d").isDouble()).isTrue();
  }

  @Test
  void skippedValuesArePassedOverWhateverTheyHold() {
    JsonNode doc =
        read(
            "{\"skipped\": {\"q\": \"} ] \\\" {\", \"w\": [{\"x\": \"]\"}, -1.5e-3, null]},"
                + " \"s2\": \"\\\\\", \"s3\": 17, \"keep\": {\"a\": \"after\"}}",
            0);

    assertThat(doc.at("/keep/a").asString()).isEqualTo("after");
    assertThat(doc.get("skipped").isNull()).isTrue();
    assertThat(doc.get("s2").isNull()).isTrue();
    assertThat(doc.get("s3").isNull()).isTrue();
  }

  @Test
  void brokenJsonReadsAsNullWhetherItIsReadOrPassedOver() {
    // passed over: brackets that do not match, a string never closed, nothing at all
    assertThat(read("{\"skipped\": {\"a\": [1, 2}}, \"keep\": {\"a\": \"v\"}}", 0)).isNull();
    assertThat(read("{\"skipped\": \"open, \"keep\": {}", 0)).isNull();
    assertThat(read("{\"skipped\": , \"keep\": {}}", 0)).isNull();
    // read: JSON's own rules
    assertThat(read("{\"whole\": {\"n\": 012}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": 1.}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": tru}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": nullx}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": NaN}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": \"bad \\q escape\"}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": \"raw \n newline\"}}", 0)).isNull();
    assertThat(read("{\"whole\": {\"n\": 1 \"m\": 2}}", 0)).isNull();
    assertThat(read("{\"whole\": [1, 2", 0)).isNull();
    assertThat(read("{\"keep\" {\"a\": \"v\"}}", 0)).isNull();
    assertThat(read("   ", 0)).isNull();
  }

  @Test
  void nestingBeyondJacksonsLimitIsNotJson() {
    String deep = "[".repeat(1001) + "]".repeat(1001);

    assertThat(read("{\"skipped\": " + deep + ", \"keep\": {}}", 0)).isNull();
    assertThat(read("{\"skipped\": " + deep.substring(2, deep.length() - 2) + "}", 0)).isNotNull();
  }

  @Test
  void longSkippedStringsEndAtTheirClosingQuoteWhereverItFallsInAWord() {
    for (int length = 0; length < 40; length++) {
      for (int escapeAt = -1; escapeAt < length; escapeAt++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          text.append(i == escapeAt ? "\\\"" : "x");
        }
        String json = "{\"skipped\": \"" + text + "\", \"keep\": {\"a\": \"v" + length + "\"}}";

        JsonNode doc = read(json, 0);

        assertThat(doc).as(json).isNotNull();
        assertThat(doc.at("/keep/a").asString()).as(json).isEqualTo("v" + length);
      }
    }
  }
}
