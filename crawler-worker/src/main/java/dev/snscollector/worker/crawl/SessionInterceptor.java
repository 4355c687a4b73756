package dev.snscollector.worker.crawl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The crawl's session as an OkHttp interceptor, on every proxy's client: one consistent desktop
 * Chrome header profile on each request (a header the caller set wins), and the session's own
 * cookies, sent back on its next requests to the site and never shared with another session. The
 * session and the site's own URL travel with the request as its {@link Tag} (the request itself may
 * go to a local stand-in for the site, and cookies belong to the site).
 */
final class SessionInterceptor implements Interceptor {
  /** A desktop Chrome profile; Accept-Language asks for Korean first, then English. */
  static final Map<String, String> HEADERS =
      Map.of(
          "User-Agent",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
          "Accept",
          "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          "Accept-Language",
          "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
          "sec-ch-ua",
          "\"Chromium\";v=\"142\", \"Google Chrome\";v=\"142\", \"Not_A Brand\";v=\"99\"",
          "sec-ch-ua-mobile",
          "?0",
          "sec-ch-ua-platform",
          "\"Linux\"");

  /**
   * What a request of the crawl carries as its tag.
   *
   * @param session the job's session on its route, or null for a one-off fetch (no cookies kept)
   * @param site the site's own URL the request stands for
   */
  record Tag(@Nullable String session, HttpUrl site) {}

  private final Map<String, Jar> jars = new ConcurrentHashMap<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder b = request.newBuilder();
    HEADERS.forEach(
        (name, value) -> {
          if (request.header(name) == null) {
            b.header(name, value);
          }
        });
    Tag tag = request.tag(Tag.class);
    String session = tag == null ? null : tag.session();
    if (tag == null || session == null) {
      return chain.proceed(b.build()); // a one-off fetch: no session, no cookies kept
    }
    Jar jar = jars.computeIfAbsent(session, s -> new Jar());
    if (request.header("Cookie") == null) {
      String cookies = jar.headerFor(tag.site());
      if (!cookies.isEmpty()) {
        b.header("Cookie", cookies);
      }
    }
    Response response = chain.proceed(b.build());
    List<String> set = response.headers("Set-Cookie");
    if (!set.isEmpty()) {
      jar.store(tag.site(), set);
    }
    return response;
  }

  /** Forgets a session's cookies. */
  void end(String session) {
    jars.remove(session);
  }

  /** One session's cookies: what the site set, by domain, path and name. */
  private static final class Jar {
    private final Map<String, Cookie> byKey = new LinkedHashMap<>();

    synchronized void store(HttpUrl url, List<String> setCookieHeaders) {
      for (String header : setCookieHeaders) {
        Cookie cookie = Cookie.parse(url, header);
        if (cookie != null) {
          byKey.put(cookie.domain() + cookie.path() + ";" + cookie.name(), cookie);
        }
      }
    }

    synchronized String headerFor(HttpUrl url) {
      List<String> pairs = new ArrayList<>();
      long now = System.currentTimeMillis();
      byKey.values().removeIf(c -> c.expiresAt() < now);
      for (Cookie c : byKey.values()) {
        if (c.matches(url)) {
          pairs.add(c.name() + "=" + c.value());
        }
      }
      return String.join("; ", pairs);
    }
  }
}
