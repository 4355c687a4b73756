package dev.snscollector.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps credentials out of every capture the worker keeps (S3 archives, drift captures), while the
 * document stays replayable. Credentials can only be where the project put them or where a platform
 * echoes them, so that is where it looks, once, on the bytes:
 *
 * <ul>
 *   <li>the request URL: credential query parameters are dropped ({@link #url});
 *   <li>the headers: only a fixed set is kept, nothing that carries a session ({@link
 *       #keptHeaders});
 *   <li>the body, at the places a credential can sit: a URL parameter inside the document ({@code
 *       access_token=} in a Graph API paging link, {@code sessionid=}, {@code csrftoken=}), a JSON
 *       member named for one ({@code "access_token": "…"}, a page's {@code "csrf_token"} or {@code
 *       "XSRF_TOKEN"}), a {@code Bearer} value, and every secret the caller knows the job used (a
 *       creator's token, an API key). Each place is found with a plain substring search over a
 *       byte-per-char view of the body (the JDK's vectorized {@code indexOf}); the value after it
 *       is replaced with {@code REDACTED}. No regular expression runs over the page, and a body
 *       without any such place is returned as it came, not copied.
 * </ul>
 *
 * <p>Unlike the fixture recorder's scrubbing, e-mail addresses and phone numbers stay: the archive
 * is the platform's own document, kept for replay. Thread-safe; pure functions.
 */
public final class CaptureScrubber {
  static final String REDACTED = "REDACTED";

  /** Query parameters that carry credentials, dropped from URLs. */
  private static final Set<String> SECRET_PARAMS =
      Set.of(
          "key",
          "access_token",
          "refresh_token",
          "token",
          "client_secret",
          "code",
          "sig",
          "signature",
          "x-amz-signature",
          "fb_dtsg",
          "session",
          "sessionid");

  private static final Set<String> KEPT_HEADERS =
      Set.of(
          "content-type",
          "date",
          "retry-after",
          "x-app-usage",
          "x-business-use-case-usage",
          "location");

  /**
   * Where credentials can sit in one family of documents: URL parameters inside the document (the
   * value runs to the next delimiter), JSON members (the value is the string that follows), and
   * whether an {@code Authorization: Bearer} value may be echoed.
   */
  private record Places(List<String> parameters, List<String> members, boolean bearer) {
    Places union(Places other) {
      List<String> p = new ArrayList<>(parameters);
      other.parameters.stream().filter(x -> !p.contains(x)).forEach(p::add);
      List<String> m = new ArrayList<>(members);
      other.members.stream().filter(x -> !m.contains(x)).forEach(m::add);
      return new Places(List.copyOf(p), List.copyOf(m), bearer || other.bearer);
    }
  }

  /**
   * The places per page type family, as the platforms' documents show them: API answers echo the
   * caller's token in paging links ({@code access_token=} in a Graph {@code paging.next}) or in
   * token exchanges; pages embed the anonymous session's CSRF token (TikTok {@code csrfToken},
   * YouTube {@code XSRF_TOKEN}, Instagram {@code csrf_token}/{@code csrftoken}). A capture without
   * a known page type is searched for all of them.
   */
  private static final Map<String, Places> PLACES =
      Map.of(
          "api",
          new Places(
              List.of("access_token=", "access_token%3D", "refresh_token=", "client_secret="),
              List.of("\"access_token\"", "\"refresh_token\"", "\"client_secret\""),
              true),
          "youtube.web.",
          new Places(List.of(), List.of("\"XSRF_TOKEN\"", "\"ID_TOKEN\""), false),
          "tiktok.web.",
          new Places(List.of(), List.of("\"csrfToken\""), false),
          "instagram.web.",
          new Places(
              List.of("sessionid=", "csrftoken="),
              List.of("\"csrf_token\"", "\"csrftoken\"", "\"accessToken\""),
              false),
          "naver_blog.",
          new Places(List.of(), List.of(), false));

  private static final Places API =
      PLACES.getOrDefault("api", new Places(List.of(), List.of(), true));

  private static final Places ALL =
      PLACES.values().stream().reduce(new Places(List.of(), List.of(), false), Places::union);

  private static final List<String> BEARERS = List.of("Bearer ", "bearer ", "BEARER ");

  private static Places placesOf(@Nullable String pageType) {
    if (pageType == null) {
      return ALL;
    }
    if (pageType.contains(".api.") || pageType.contains(".graph.")) {
      return API;
    }
    for (Map.Entry<String, Places> e : PLACES.entrySet()) {
      if (pageType.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return ALL;
  }

  /** Shorter values are not credentials (an empty or placeholder value); they stay. */
  private static final int MIN_SECRET = 8;

  private CaptureScrubber() {}

  /** The capture as kept: URL and headers scrubbed, credentials in the body replaced. */
  public static Capture withoutCredentials(Capture c) {
    return withoutCredentials(c, List.of());
  }

  /**
   * The capture as kept, also without any of {@code knownSecrets} (the job's own token or key,
   * wherever the platform echoed it).
   */
  public static Capture withoutCredentials(Capture c, Collection<String> knownSecrets) {
    byte[] body = body(c.body(), placesOf(c.pageType()), knownSecrets);
    String url = url(c.url());
    Map<String, String> headers = keptHeaders(c.headers());
    if (body == c.body() && url.equals(c.url()) && headers.equals(c.headers())) {
      return c;
    }
    return new Capture(url, c.method(), c.status(), headers, body, c.fetchedAt(), c.pageType());
  }

  /**
   * {@code body} with the value at every credential place any platform has replaced; the same array
   * when there is none.
   */
  public static byte[] body(byte[] body, Collection<String> knownSecrets) {
    return body(body, ALL, knownSecrets);
  }

  private static byte[] body(byte[] body, Places places, Collection<String> knownSecrets) {
    // One char per byte: every index is a byte offset, and indexOf runs vectorized on it.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    List<int[]> cuts = new ArrayList<>();
    for (String needle : places.parameters()) {
      for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        int start = at + needle.length();
        addCut(cuts, start, valueEnd(text, start));
      }
    }
    for (String needle : places.members()) {
      for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        int start = memberValue(text, at + needle.length());
        if (start >= 0) {
          addCut(cuts, start, stringEnd(text, start));
        }
      }
    }
    for (String needle : places.bearer() ? BEARERS : List.<String>of()) {
      for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        int start = at + needle.length();
        addCut(cuts, start, valueEnd(text, start));
      }
    }
    for (String secret : knownSecrets) {
      if (secret.length() < MIN_SECRET) {
        continue;
      }
      String needle =
          new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        addCut(cuts, at, at + needle.length());
      }
    }
    return cuts.isEmpty() ? body : cut(body, cuts);
  }

  private static void addCut(List<int[]> cuts, int start, int end) {
    if (end - start >= MIN_SECRET) {
      cuts.add(new int[] {start, end});
    }
  }

  /** The end of a token-like value: letters, digits and the few marks tokens and encodings use. */
  private static int valueEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char ch = text.charAt(i);
      boolean token =
          (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9')
              || ch == '.'
              || ch == '_'
              || ch == '-'
              || ch == '%'
              || ch == '|'
              || ch == '~'
              || ch == '+'
              || ch == '/'
              || ch == '=';
      if (!token) {
        break;
      }
      i++;
    }
    return i;
  }

  /** After a member name: optional spaces, a colon, optional spaces, an opening quote. */
  private static int memberValue(String text, int from) {
    int i = skipSpaces(text, from);
    if (i >= text.length() || text.charAt(i) != ':') {
      return -1;
    }
    i = skipSpaces(text, i + 1);
    return i < text.length() && text.charAt(i) == '"' ? i + 1 : -1;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The closing quote of a JSON string that starts at {@code from}, escapes honoured. */
  private static int stringEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '\\') {
        i += 2;
        continue;
      }
      if (ch == '"') {
        return i;
      }
      i++;
    }
    return text.length();
  }

  private static byte[] cut(byte[] body, List<int[]> cuts) {
    cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
    byte[] redacted = REDACTED.getBytes(StandardCharsets.US_ASCII);
    // Overlapping places (a known secret inside a parameter value) are cut once, as one.
    List<int[]> merged = new java.util.ArrayList<>(cuts.size());
    int length = body.length;
    int at = 0;
    for (int[] c : cuts) {
      if (c[0] < at) {
        int[] last = merged.get(merged.size() - 1);
        length -= Math.max(0, c[1] - last[1]);
        last[1] = Math.max(last[1], c[1]);
        at = last[1];
        continue;
      }
      merged.add(new int[] {c[0], c[1]});
      length += redacted.length - (c[1] - c[0]);
      at = c[1];
    }
    // One array of the final size: pages are large and a worker archives many at once.
    byte[] out = new byte[length];
    int from = 0;
    int to = 0;
    for (int[] c : merged) {
      System.arraycopy(body, from, out, to, c[0] - from);
      to += c[0] - from;
      System.arraycopy(redacted, 0, out, to, redacted.length);
      to += redacted.length;
      from = c[1];
    }
    System.arraycopy(body, from, out, to, body.length - from);
    return out;
  }

  /**
   * The response headers a capture may keep (nothing that identifies a session or a user),
   * lower-cased, a {@code location} without credentials.
   */
  public static Map<String, String> keptHeaders(Map<String, String> all) {
    Map<String, String> headers = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          String name = k.toLowerCase(Locale.ROOT);
          if (KEPT_HEADERS.contains(name)) {
            headers.put(name, name.equals("location") ? url(v) : v);
          }
        });
    return headers;
  }

  /** The URL without credential-bearing query parameters. */
  public static String url(String url) {
    if (url.indexOf('?') < 0) {
      return url;
    }
    try {
      URI uri = new URI(url);
      if (uri.getRawQuery() == null) {
        return url;
      }
      List<String> kept = new ArrayList<>();
      for (String pair : uri.getRawQuery().split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
          kept.add(pair);
        }
      }
      String base = url.substring(0, url.indexOf('?'));
      return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    } catch (URISyntaxException e) {
      // Not parseable as a URI: mask every credential parameter the parsed path would drop.
      return url.replaceAll(
          "(?i)([?&](" + String.join("|", SECRET_PARAMS) + ")=)[^&]*", "$1" + REDACTED);
    }
  }
}
