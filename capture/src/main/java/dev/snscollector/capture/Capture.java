package dev.snscollector.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One fetched response with the request that produced it: the unit of fixtures and of the raw
 * captures kept in S3. Headers hold only the selected, non-secret ones; the URL has no key or
 * token.
 *
 * @param url the request URL, credentials removed
 * @param method HTTP method
 * @param status HTTP status of the response
 * @param headers selected response headers, lower-case names
 * @param body the body as it came (decompressed)
 * @param fetchedAt when it was fetched
 * @param pageType the page type id the fetcher expected, e.g. {@code youtube.api.channels}; null
 *     when unknown and left to recognition
 */
public record Capture(
    String url,
    String method,
    int status,
    Map<String, String> headers,
    byte[] body,
    Instant fetchedAt,
    @Nullable String pageType) {
  public Capture {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public @Nullable String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Capture c
        && url.equals(c.url)
        && method.equals(c.method)
        && status == c.status
        && headers.equals(c.headers)
        && Arrays.equals(body, c.body)
        && fetchedAt.equals(c.fetchedAt)
        && Objects.equals(pageType, c.pageType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, method, status, headers, Arrays.hashCode(body), fetchedAt);
  }

  @Override
  public String toString() {
    return "Capture[" + method + " " + url + " " + status + ", " + body.length + " bytes]";
  }
}
