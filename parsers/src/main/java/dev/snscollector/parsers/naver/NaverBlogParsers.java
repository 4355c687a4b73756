package dev.snscollector.parsers.naver;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PlatformParsers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The Naver Blog parsers. Recognition from the document itself: an {@code <rss>} document whose
 * channel links to {@code blog.naver.com} is {@code naver_blog.rss}; an HTML page with the post's
 * hidden {@code #_post_property} element is {@code naver_blog.post}; a JSON document (with or
 * without the {@code )]}',} guard) holding {@code isSuccess} and a {@code result} with {@code
 * subscriberCount} is {@code naver_blog.profile}. Error pages do not say what they stand for and
 * are left to the capture's declared page type.
 */
public final class NaverBlogParsers implements PlatformParsers {
  private final List<PageParser> parsers =
      List.of(new NaverBlogRssParser(), new NaverBlogPostParser(), new NaverBlogProfileParser());

  @Override
  public List<PageParser> parsers() {
    return parsers;
  }

  @Override
  public Optional<String> recognize(Capture capture) {
    String text = new String(capture.body(), StandardCharsets.UTF_8);
    String head = text.stripLeading();
    if (head.startsWith(NaverBlogProfileParser.GUARD) || head.startsWith("{")) {
      var doc = NaverBlogProfileParser.json(text);
      return doc != null && doc.has("isSuccess") && doc.path("result").has("subscriberCount")
          ? Optional.of(NaverBlogProfileParser.PAGE_TYPE_ID)
          : Optional.empty();
    }
    if (text.contains("<rss") && text.contains("blog.naver.com")) {
      return Optional.of(NaverBlogRssParser.PAGE_TYPE_ID);
    }
    if (text.contains(NaverBlogPostParser.MARKER) && text.contains("blog.naver.com")) {
      return Optional.of(NaverBlogPostParser.PAGE_TYPE_ID);
    }
    return Optional.empty();
  }
}
