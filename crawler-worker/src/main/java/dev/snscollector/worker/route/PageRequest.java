package dev.snscollector.worker.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for one public document, as the real site expects it: the site's own URL, method, extra
 * headers (a site's app id, a JSON content type) and a body for POSTs (InnerTube continuations).
 * The fetcher adds the session's header profile and cookies.
 *
 * @param pageType the page type the answer is parsed as
 */
public record PageRequest(
    String method,
    String url,
    Map<String, String> headers,
    byte @Nullable [] body,
    String pageType) {
  public PageRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(pageType, "pageType");
    headers = Map.copyOf(headers);
    body = body == null ? null : body.clone();
  }

  public static PageRequest get(String url, String pageType) {
    return new PageRequest("GET", url, Map.of(), null, pageType);
  }

  /** A POST of a JSON body. */
  public static PageRequest postJson(String url, byte[] json, String pageType) {
    return new PageRequest("POST", url, Map.of("Content-Type", "application/json"), json, pageType);
  }

  public PageRequest withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new PageRequest(method, url, more, body, pageType);
  }
}
