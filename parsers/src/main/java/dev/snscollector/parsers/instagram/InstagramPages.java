package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.PageTypes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * What Instagram's HTML pages say about themselves: whose page it is (its {@code og:url} or
 * canonical link), whether it is Instagram's at all, whether it is the login page. Shared by
 * recognition, the refusal classifier and the page parsers, so that all of them read a page the
 * same way.
 *
 * <ul>
 *   <li>a <b>post page</b> is addressed {@code /p/<shortcode>/}, {@code /reel/<shortcode>/} or
 *       {@code /tv/<shortcode>/} (optionally after the owner's handle);
 *   <li>a <b>profile page</b> is addressed {@code /<handle>/} and says it is a profile ({@code
 *       og:type} {@code profile}, or a {@code (@handle)} in its {@code og:title});
 *   <li>the <b>login page</b> is addressed {@code /accounts/login/} or titled "Login • Instagram".
 * </ul>
 */
final class InstagramPages {
  /** A post's address: the kind of path ({@code p}, {@code reel}, {@code tv}) and shortcode. */
  record PostPath(String kind, String shortcode) {}

  private static final Pattern POST_PATH =
      Pattern.compile("^/(?:[A-Za-z0-9._]{1,30}/)?(p|reel|tv)/([A-Za-z0-9_-]{1,64})/?$");
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9._]{1,30}");

  /** First path segments that are Instagram's own pages, never a handle. */
  private static final Set<String> RESERVED =
      Set.of(
          "accounts",
          "explore",
          "p",
          "reel",
          "reels",
          "tv",
          "stories",
          "direct",
          "about",
          "legal",
          "developer",
          "web",
          "challenge",
          "emails",
          "session",
          "privacy",
          "terms",
          "oauth",
          "api",
          "graphql",
          "static",
          "data");

  /** How far into a page its head is looked for; Instagram's heads hold ~200 KB of scripts. */
  private static final int MAX_HEAD = 1 << 20;

  private InstagramPages() {}

  /**
   * The page's head as a DOM, for recognition and refusals: the part before {@code </head>}, found
   * by scanning bytes, so a 1 MB page is not parsed whole.
   */
  static Document head(Capture capture) {
    byte[] body = capture.body();
    int end = indexOf(body, "</head>".getBytes(StandardCharsets.US_ASCII), MAX_HEAD);
    int length = end < 0 ? Math.min(body.length, MAX_HEAD) : end;
    return Jsoup.parse(new String(body, 0, length, StandardCharsets.UTF_8), capture.url());
  }

  /** The page type a page's own markers name: a post or a profile page; empty for anything else. */
  static Optional<String> recognize(Capture capture) {
    Document head = head(capture);
    if (!isInstagram(head)) {
      return Optional.empty();
    }
    String address = address(head);
    if (postPath(address) != null) {
      return Optional.of(PageTypes.INSTAGRAM_WEB_POST_PAGE);
    }
    if (profileHandle(address) != null
        && ("profile".equals(meta(head, "og:type")) || meta(head, "og:title").contains("(@"))) {
      return Optional.of(PageTypes.INSTAGRAM_WEB_PROFILE_PAGE);
    }
    return Optional.empty();
  }

  /** Whether the page is Instagram's: its site name, app links or title say so. */
  static boolean isInstagram(Document doc) {
    return "instagram".equalsIgnoreCase(meta(doc, "og:site_name"))
        || "instagram".equalsIgnoreCase(meta(doc, "al:ios:app_name"))
        || "instagram".equalsIgnoreCase(meta(doc, "al:android:app_name"))
        || (doc.title().toLowerCase(Locale.ROOT).contains("instagram")
            && isInstagramUrl(address(doc)));
  }

  /** The login page in place of content: addressed {@code /accounts/login/}, or titled so. */
  static boolean isLoginPage(Document doc) {
    String title = doc.title().strip();
    return isLoginPath(meta(doc, "og:url"))
        || isLoginPath(canonical(doc))
        || title.startsWith("Log in")
        || title.startsWith("Login");
  }

  /** The page's own address: {@code og:url}, else its canonical link; "" when it has neither. */
  static String address(Document doc) {
    String url = meta(doc, "og:url");
    return url.isEmpty() ? canonical(doc) : url;
  }

  /** The content of {@code <meta property=…>}, stripped; "" when there is none. */
  static String meta(Document doc, String property) {
    Element el = metaElement(doc, property);
    return el == null ? "" : el.attr("content").strip();
  }

  /** The {@code <meta property=…>} element (or {@code <meta name=…>}), or null. */
  static @Nullable Element metaElement(Document doc, String property) {
    Element el = doc.selectFirst("meta[property=" + property + "]");
    return el != null ? el : doc.selectFirst("meta[name=" + property + "]");
  }

  static String canonical(Document doc) {
    Element link = doc.selectFirst("link[rel=canonical]");
    return link == null ? "" : link.attr("href").strip();
  }

  /** The post a URL addresses, or null when it is not a post's URL on Instagram. */
  static @Nullable PostPath postPath(String url) {
    String path = instagramPath(url);
    if (path == null) {
      return null;
    }
    Matcher m = POST_PATH.matcher(path);
    return m.matches() ? new PostPath(m.group(1), m.group(2)) : null;
  }

  /** The handle a profile URL addresses ({@code /<handle>/}), or null. */
  static @Nullable String profileHandle(String url) {
    String path = instagramPath(url);
    if (path == null) {
      return null;
    }
    String trimmed = path.replaceAll("^/+|/+$", "");
    return HANDLE.matcher(trimmed).matches() && !RESERVED.contains(trimmed.toLowerCase(Locale.ROOT))
        ? trimmed
        : null;
  }

  /** Whether a URL (absolute, or a path) is the login page's. */
  static boolean isLoginPath(String url) {
    String path = url.startsWith("/") ? url : instagramPath(url);
    return path != null && path.startsWith("/accounts/login");
  }

  static boolean isInstagramUrl(String url) {
    return instagramPath(url) != null;
  }

  /** The path of an absolute URL on instagram.com; null for another host or no URL. */
  private static @Nullable String instagramPath(String url) {
    try {
      URI uri = URI.create(url.strip());
      String host = uri.getHost();
      if (host == null) {
        return null;
      }
      String h = host.toLowerCase(Locale.ROOT);
      if (!h.equals("instagram.com") && !h.endsWith(".instagram.com")) {
        return null;
      }
      String path = uri.getPath();
      return path == null || path.isEmpty() ? "/" : path;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int limit) {
    int last = Math.min(hay.length, limit) - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
