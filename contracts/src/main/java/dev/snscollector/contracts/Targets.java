package dev.snscollector.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a job's target: a handle, a platform id or a URL of that platform. A URL of another site,
 * or a post where an account is needed (and the other way round), is rejected with a reason.
 *
 * <p>Whatever the form, a target may not hold a control character (raw, or percent-encoded in the
 * part of a URL that is read), a name made only of dots, or a path segment that is {@code .} or
 * {@code ..} or decodes to a {@code /} or a backslash: the worker puts the value into platform URLs
 * and the target itself into logs. A URL may not carry user info or a port other than its scheme's
 * default: no platform's address has either, and dropping them silently would collect from an
 * address the caller did not give. An explicit default port ({@code :443} on https, {@code :80} on
 * http) names the same address and is accepted.
 */
public final class Targets {
  private static final Pattern YT_HANDLE = Pattern.compile("@?([\\p{L}\\p{N}._·-]{3,30})");
  private static final Pattern YT_CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");
  private static final Pattern YT_VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern YT_LEGACY_USERNAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final Pattern IG_HANDLE = Pattern.compile("@?([A-Za-z0-9._]{1,30})");
  private static final Pattern IG_SHORTCODE = Pattern.compile("[A-Za-z0-9_-]{5,40}");
  private static final Pattern TT_HANDLE = Pattern.compile("@?([A-Za-z0-9._]{2,24})");
  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{5,25}");
  private static final Pattern NAVER_BLOG_ID = Pattern.compile("[A-Za-z0-9_-]{3,30}");
  private static final Pattern NAVER_POST = Pattern.compile("([A-Za-z0-9_-]{3,30})/([0-9]{6,20})");

  private static final Set<String> YT_HOSTS =
      Set.of("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be");
  private static final Set<String> IG_HOSTS =
      Set.of("instagram.com", "www.instagram.com", "m.instagram.com");
  private static final Set<String> TT_HOSTS =
      Set.of("tiktok.com", "www.tiktok.com", "m.tiktok.com");
  private static final Set<String> NAVER_HOSTS =
      Set.of("blog.naver.com", "m.blog.naver.com", "rss.blog.naver.com");

  private Targets() {}

  /**
   * Parses a target for the given platform and kind.
   *
   * @throws IllegalArgumentException with a message that says what was expected
   */
  public static TargetRef parse(Platform platform, JobKind kind, String target) {
    int control = Printable.firstControl(target);
    if (control >= 0) {
      throw new IllegalArgumentException(
          "target '"
              + Printable.escape(target)
              + "': a control character ("
              + Printable.codePoint(target.charAt(control))
              + ") at character "
              + (control + 1));
    }
    String t = target.strip();
    boolean wantsPost = kind == JobKind.POST || kind == JobKind.COMMENTS;
    Optional<TargetRef> ref;
    if (t.startsWith("http://") || t.startsWith("https://")) {
      URI uri = uri(t);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      if (!hostsOf(platform).contains(host)) {
        throw new IllegalArgumentException(
            "URL host '" + host + "' is not a " + platform.wireName() + " address");
      }
      checkAuthority(platform, host, uri, t);
      ref = fromUrl(platform, host, uri, t);
    } else {
      ref = fromBare(platform, wantsPost, t);
    }
    TargetRef r =
        ref.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + t + "' is not " + expected(platform, wantsPost)));
    boolean isPost = r.type() == TargetRef.Type.POST_ID;
    if (isPost != wantsPost) {
      throw new IllegalArgumentException(
          "kind '" + kind.wireName() + "' needs " + expected(platform, wantsPost));
    }
    return r;
  }

  /** Refuses user info and a port other than the scheme's default, which no platform URL has. */
  private static void checkAuthority(Platform platform, String host, URI uri, String t) {
    if (uri.getRawUserInfo() != null) {
      // The target is not repeated: its user info may be a password.
      throw new IllegalArgumentException(
          "target URL has user info before its host '"
              + host
              + "' (left out here); no "
              + platform.wireName()
              + " address has one");
    }
    int defaultPort = t.startsWith("https://") ? 443 : 80;
    if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
      throw new IllegalArgumentException(
          "target '"
              + t
              + "': port "
              + uri.getPort()
              + " after the host; "
              + platform.wireName()
              + " addresses use the scheme's default ("
              + defaultPort
              + ")");
    }
  }

  private static Set<String> hostsOf(Platform platform) {
    return switch (platform) {
      case YOUTUBE -> YT_HOSTS;
      case INSTAGRAM -> IG_HOSTS;
      case TIKTOK -> TT_HOSTS;
      case NAVER_BLOG -> NAVER_HOSTS;
    };
  }

  private static String expected(Platform platform, boolean post) {
    return switch (platform) {
      case YOUTUBE ->
          post
              ? "a YouTube video id (11 characters) or a watch, youtu.be or shorts URL"
              : "a YouTube @handle, a UC… channel id or a channel URL";
      case INSTAGRAM ->
          post
              ? "an Instagram shortcode or a /p/ or /reel/ URL"
              : "an Instagram handle, a numeric user id or a profile URL";
      case TIKTOK ->
          post ? "a TikTok video id or a video URL" : "a TikTok @handle or a profile URL";
      case NAVER_BLOG ->
          post ? "a Naver blog post as blogId/logNo or a post URL" : "a Naver blogId or a blog URL";
    };
  }

  private static Optional<TargetRef> fromBare(Platform platform, boolean wantsPost, String t) {
    return switch (platform) {
      case YOUTUBE -> {
        if (YT_CHANNEL_ID.matcher(t).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.ACCOUNT_ID, t));
        }
        if (wantsPost && YT_VIDEO_ID.matcher(t).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.POST_ID, t));
        }
        yield t.startsWith("@") ? handle(YT_HANDLE, t, t) : Optional.empty();
      }
      case INSTAGRAM -> {
        if (NUMERIC_ID.matcher(t).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.ACCOUNT_ID, t));
        }
        if (wantsPost && IG_SHORTCODE.matcher(t).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.POST_ID, t));
        }
        yield handle(IG_HANDLE, t, t);
      }
      case TIKTOK -> {
        if (wantsPost && NUMERIC_ID.matcher(t).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.POST_ID, t));
        }
        yield handle(TT_HANDLE, t, t);
      }
      case NAVER_BLOG -> {
        Matcher post = NAVER_POST.matcher(t);
        if (post.matches()) {
          yield Optional.of(new TargetRef(TargetRef.Type.POST_ID, post.group(2), post.group(1)));
        }
        yield NAVER_BLOG_ID.matcher(t).matches()
            ? Optional.of(TargetRef.of(TargetRef.Type.ACCOUNT_ID, t))
            : Optional.empty();
      }
    };
  }

  /**
   * The handle in {@code candidate} (the bare target or a URL's path segment, decoded) where it has
   * the pattern's form.
   *
   * @param t the whole target, for the message
   */
  private static Optional<TargetRef> handle(Pattern pattern, String candidate, String t) {
    Matcher m = pattern.matcher(candidate);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (TargetRef.onlyDots(m.group(1))) {
      throw new IllegalArgumentException("target '" + t + "': a handle may not be only dots");
    }
    return Optional.of(TargetRef.of(TargetRef.Type.HANDLE, m.group(1)));
  }

  private static Optional<TargetRef> fromUrl(Platform platform, String host, URI uri, String t) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String[] seg = path.replaceAll("^/+|/+$", "").split("/+");
    for (int i = 0; i < seg.length; i++) {
      seg[i] = decoded("path segment " + (i + 1) + " ('" + seg[i] + "')", seg[i], t);
    }
    String first = seg.length > 0 ? seg[0] : "";
    String second = seg.length > 1 ? seg[1] : "";
    @Nullable String query = uri.getRawQuery();
    return switch (platform) {
      case YOUTUBE -> {
        if (host.equals("youtu.be")) {
          yield post(YT_VIDEO_ID, first);
        }
        if (first.equals("watch")) {
          yield post(YT_VIDEO_ID, queryParam(query, "v", t));
        }
        if (first.equals("shorts") || first.equals("live")) {
          yield post(YT_VIDEO_ID, second);
        }
        if (first.equals("channel") && YT_CHANNEL_ID.matcher(second).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.ACCOUNT_ID, second));
        }
        if (first.equals("user") && YT_LEGACY_USERNAME.matcher(second).matches()) {
          yield Optional.of(TargetRef.of(TargetRef.Type.LEGACY_USERNAME, second));
        }
        yield first.startsWith("@") ? handle(YT_HANDLE, first, t) : Optional.empty();
      }
      case INSTAGRAM -> {
        if (first.equals("p")
            || first.equals("reel")
            || first.equals("reels")
            || first.equals("tv")) {
          yield post(IG_SHORTCODE, second);
        }
        yield first.isEmpty() ? Optional.empty() : handle(IG_HANDLE, first, t);
      }
      case TIKTOK -> {
        if (first.startsWith("@") && second.equals("video")) {
          yield post(NUMERIC_ID, seg.length > 2 ? seg[2] : "");
        }
        yield first.startsWith("@") ? handle(TT_HANDLE, first, t) : Optional.empty();
      }
      case NAVER_BLOG -> {
        if (first.equals("PostView.naver") || first.equals("PostView.nhn")) {
          String blogId = queryParam(query, "blogId", t);
          String logNo = queryParam(query, "logNo", t);
          yield NAVER_POST.matcher(blogId + "/" + logNo).matches()
              ? Optional.of(new TargetRef(TargetRef.Type.POST_ID, logNo, blogId))
              : Optional.empty();
        }
        String blogId = host.startsWith("rss.") ? first.replaceFirst("\\.xml$", "") : first;
        if (!second.isEmpty()) {
          yield NAVER_POST.matcher(blogId + "/" + second).matches()
              ? Optional.of(new TargetRef(TargetRef.Type.POST_ID, second, blogId))
              : Optional.empty();
        }
        yield NAVER_BLOG_ID.matcher(blogId).matches()
            ? Optional.of(TargetRef.of(TargetRef.Type.ACCOUNT_ID, blogId))
            : Optional.empty();
      }
    };
  }

  private static Optional<TargetRef> post(Pattern pattern, String id) {
    return pattern.matcher(id).matches()
        ? Optional.of(TargetRef.of(TargetRef.Type.POST_ID, id))
        : Optional.empty();
  }

  private static String queryParam(@Nullable String rawQuery, String name, String t) {
    if (rawQuery == null) {
      return "";
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        String raw = pair.substring(eq + 1);
        // In a query a + is a space.
        return decoded(
            "query parameter '" + name + "' ('" + raw + "')", raw.replace("+", "%20"), t);
      }
    }
    return "";
  }

  /**
   * A URL part percent-decoded (a {@code +} stays a {@code +}: in a path it is one), refused where
   * it decodes to a control character, only dots, a {@code /} or a backslash.
   *
   * @param where the part, for the message
   * @param t the whole target, for the message
   */
  private static String decoded(String where, String raw, String t) {
    String part = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    @Nullable String fault = TargetRef.fault(part);
    if (fault != null) {
      throw new IllegalArgumentException(
          "target '" + t + "': " + where + " " + fault + " once decoded");
    }
    return part;
  }

  private static URI uri(String t) {
    try {
      return new URI(t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + t + "' is not a valid URL: " + e.getReason(), e);
    }
  }
}
