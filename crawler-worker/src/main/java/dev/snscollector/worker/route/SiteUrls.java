package dev.snscollector.worker.route;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Where a site's URL is really fetched. In production, at the site itself. Pointed at a local
 * origin ({@code SITE_BASE_URL=http://127.0.0.1:8080}), {@code https://www.youtube.com/@x} is
 * fetched from {@code http://127.0.0.1:8080/www.youtube.com/@x}, the layout the fixture origin
 * serves. Captures and records always name the site's own URL.
 */
public final class SiteUrls {
  private final @Nullable HttpUrl base;

  private SiteUrls(@Nullable HttpUrl base) {
    this.base = base;
  }

  public static SiteUrls direct() {
    return new SiteUrls(null);
  }

  public static SiteUrls from(@Nullable String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return direct();
    }
    HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
    if (parsed == null) {
      throw new IllegalArgumentException("SITE_BASE_URL is not an http(s) URL: " + baseUrl);
    }
    return new SiteUrls(parsed);
  }

  /** The URL to send a request for the site URL {@code url} to. */
  public HttpUrl resolve(HttpUrl url) {
    if (base == null) {
      return url;
    }
    HttpUrl.Builder b = base.newBuilder().addPathSegment(url.host());
    for (String segment : url.encodedPathSegments()) {
      b.addEncodedPathSegment(segment);
    }
    return b.encodedQuery(url.encodedQuery()).build();
  }
}
