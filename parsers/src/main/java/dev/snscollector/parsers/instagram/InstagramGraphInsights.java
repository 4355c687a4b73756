package dev.snscollector.parsers.instagram;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Graph API insights entries in both shapes: legacy ({@code values[].value}, one per period
 * end) and v18+ ({@code total_value.value}, with optional {@code breakdowns}; some v18+ metrics
 * send both, with the same number).
 */
final class InstagramGraphInsights {
  private InstagramGraphInsights() {}

  /**
   * Each metric's single lifetime or total value by name, {@code total_value} first, else the last
   * numeric {@code values[].value}. Metrics whose value is not a number (legacy breakdown maps such
   * as {@code audience_city}) are left out.
   */
  static Map<String, Long> totals(JsonNode data) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (JsonNode metric : data) {
      Long value = total(metric);
      if (value != null) {
        out.put(metric.path("name").asString(), value);
      }
    }
    return out;
  }

  static @Nullable Long total(JsonNode metric) {
    JsonNode total = metric.path("total_value").path("value");
    if (total.isIntegralNumber()) {
      return total.asLong();
    }
    Long last = null;
    for (JsonNode v : metric.path("values")) {
      if (v.path("value").isIntegralNumber()) {
        last = v.path("value").asLong();
      }
    }
    return last;
  }

  /** The object id an insights entry belongs to: the part of {@code <id>/insights/…} before it. */
  static @Nullable String ownerId(JsonNode data) {
    for (JsonNode metric : data) {
      String id = metric.path("id").asString("");
      int at = id.indexOf("/insights/");
      if (at > 0) {
        return id.substring(0, at);
      }
    }
    return null;
  }
}
