package dev.snscollector.parsers.naver;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;

/** Small readers shared by the Naver Blog parsers. Pure functions; never throw on input. */
final class NaverBlogValues {
  /** Naver writes times in Korea Standard Time. */
  static final ZoneId KST = ZoneId.of("Asia/Seoul");

  // blog.naver.com/<blogId>/<logNo>, m.blog.naver.com/<blogId>/<logNo>, or PostView's parameters.
  private static final Pattern POST_PATH =
      Pattern.compile("^https?://(?:m\\.)?blog\\.naver\\.com/([A-Za-z0-9_-]+)/([0-9]+)");
  private static final Pattern POST_VIEW_BLOG = Pattern.compile("[?&]blogId=([A-Za-z0-9_-]+)");
  private static final Pattern POST_VIEW_LOG = Pattern.compile("[?&]logNo=([0-9]+)");
  private static final Pattern BLOG_HOME =
      Pattern.compile("^https?://(?:m\\.)?blog\\.naver\\.com/([A-Za-z0-9_-]+)/?$");

  private NaverBlogValues() {}

  /** A post's identity: the blog and the post number within Naver. */
  record PostRef(String blogId, String logNo) {
    /** The canonical desktop URL, without tracking parameters. */
    String url() {
      return "https://blog.naver.com/" + blogId + "/" + logNo;
    }
  }

  /** The post a URL in any of Naver's forms points at, or null. */
  static @Nullable PostRef post(String url) {
    Matcher m = POST_PATH.matcher(url);
    if (m.find()) {
      return new PostRef(m.group(1), m.group(2));
    }
    Matcher blog = POST_VIEW_BLOG.matcher(url);
    Matcher log = POST_VIEW_LOG.matcher(url);
    if (url.contains("blog.naver.com") && blog.find() && log.find()) {
      return new PostRef(blog.group(1), log.group(1));
    }
    return null;
  }

  /** The blogId of a blog home URL ({@code https://blog.naver.com/<blogId>}), or null. */
  static @Nullable String blogOfHome(String url) {
    Matcher m = BLOG_HOME.matcher(url.strip());
    return m.find() ? m.group(1) : null;
  }

  /** An RFC 822 date as RSS writes it ({@code Tue, 28 Oct 2025 18:55:34 +0900}), as ISO-8601. */
  static @Nullable String isoFromRfc822(String text) {
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Epoch milliseconds as an ISO-8601 time in KST, or null when not a number. */
  static @Nullable String isoFromEpochMillis(String millis) {
    if (!millis.matches("[0-9]{10,14}")) {
      return null;
    }
    // ISO_OFFSET_DATE_TIME always writes the seconds (toString() drops ":00", which is no
    // date-time).
    return Instant.ofEpochMilli(Long.parseLong(millis))
        .atZone(KST)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /**
   * The text of an element as paragraphs: a line per block element or {@code <br>}, each trimmed,
   * empty ones dropped. Editors pad paragraphs with no-break and zero-width spaces ("&amp;nbsp;",
   * U+200B); those count as space.
   */
  static List<String> paragraphs(Element root) {
    StringBuilder b = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              b.append(t.text());
            } else if (node instanceof Element e && (e.isBlock() || "br".equals(e.normalName()))) {
              b.append('\n');
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && e.isBlock()) {
              b.append('\n');
            }
          }
        },
        root);
    List<String> out = new ArrayList<>();
    for (String line : b.toString().split("\n")) {
      String clean = clean(line);
      if (!clean.isEmpty()) {
        out.add(clean);
      }
    }
    return out;
  }

  /** Text with no-break and zero-width spaces treated as space, runs collapsed, trimmed. */
  static String clean(String text) {
    return text.replace('\u00a0', ' ')
        .replace("\u200b", "")
        .replace("\ufeff", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
