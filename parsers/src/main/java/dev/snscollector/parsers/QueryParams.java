package dev.snscollector.parsers;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query of a capture's request URL, for parsers whose document means what the request asked
 * (the parts, fields or window of an API call).
 */
public final class QueryParams {
  private QueryParams() {}

  /**
   * The decoded parameters of {@code url} in order, the first value of each; empty when the URL has
   * no query or is not a URL (a capture saved without its request).
   */
  public static Map<String, String> of(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw;
    try {
      raw = URI.create(url).getRawQuery();
    } catch (IllegalArgumentException e) {
      return out;
    }
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
