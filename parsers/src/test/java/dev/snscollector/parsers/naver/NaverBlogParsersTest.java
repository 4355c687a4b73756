package dev.snscollector.parsers.naver;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import dev.snscollector.parsers.TracedParse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NaverBlogParsersTest {
  private final NaverBlogParsers platform = new NaverBlogParsers();

  static Capture capture(String url, int status, String body) {
    return new Capture(
        url,
        "GET",
        status,
        Map.of("content-type", "text/html;charset=UTF-8"),
        body.getBytes(StandardCharsets.UTF_8),
        TestCaptures.FETCHED_AT,
        null);
  }

  private static String rss(String itemExtra) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
        <title><![CDATA[바다 일기 🌊]]></title>
        <link>https://blog.naver.com/bada_diary</link>
        <description><![CDATA[]]></description>
        <item>
        <title><![CDATA[첫 글 & 인사]]></title>
        <link><![CDATA[https://blog.naver.com/bada_diary/224000000001?fromRss=true&trackingCode=rss]]></link>
        <description><![CDATA[<p>안녕하세요<br>반가워요</p>]]></description>
        <pubDate>Sun, 01 Mar 2026 08:00:00 +0900</pubDate>
        <tag><![CDATA[일기, 바다 ,]]></tag>
        %s
        </item>
        </channel></rss>
        """
        .replace("%s", itemExtra);
  }

  @Test
  void anRssItemBecomesAPostAtItsCleanUrlWithItsExcerptAsPlainText() {
    Capture feed = capture("https://rss.blog.naver.com/bada_diary.xml", 200, rss(""));

    assertThat(platform.recognize(feed)).contains(NaverBlogRssParser.PAGE_TYPE_ID);
    ParseResult.Parsed parsed = (ParseResult.Parsed) new NaverBlogRssParser().parse(feed, CONTEXT);

    ProfileRecord blog = (ProfileRecord) parsed.records().getFirst();
    PostRecord post = (PostRecord) parsed.records().get(1);
    assertThat(blog.platformId()).isEqualTo("bada_diary");
    assertThat(blog.avatarUrl()).isNull();
    assertThat(post.platformId()).isEqualTo("224000000001");
    assertThat(post.url()).isEqualTo("https://blog.naver.com/bada_diary/224000000001");
    assertThat(post.caption()).isEqualTo("안녕하세요 반가워요");
    assertThat(post.hashtags()).containsExactly("일기", "바다");
    assertThat(post.publishedAt()).isEqualTo(java.time.Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    assertThat(blog.unavailable())
        .containsOnlyKeys("followers", "postCount", "totalViews")
        .containsValue(Unavailable.NOT_IN_PAGE_TYPE);
    assertThat(post.unavailable())
        .containsOnlyKeys("likes", "comments")
        .containsValue(Unavailable.NOT_IN_PAGE_TYPE);
  }

  @Test
  void aTracedFeedNamesTheElementEachValueCameFrom() {
    Capture feed = capture("https://rss.blog.naver.com/bada_diary.xml", 200, rss(""));

    TracedParse traced = new NaverBlogRssParser().parseTraced(feed, CONTEXT);

    assertThat(traced.domSources())
        .containsKeys("/channel", "/items", "/channel/blogId", "/items/0/title", "/items/0/pubDate")
        .containsEntry("/channel/blogId", traced.domSources().get("/channel/link"));
    assertThat(traced.domSources().get("/items/0/pubDate")).endsWith("pubDate");
  }

  @Test
  void anExternalEntityInTheFeedIsNeverResolved() {
    String evil =
        rss("<category>&xxe;</category>")
            .replace(
                "<rss version",
                "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<rss version");

    ParseResult result =
        new NaverBlogRssParser()
            .parse(capture("https://rss.blog.naver.com/bada_diary.xml", 200, evil), CONTEXT);

    assertThat(result.toString()).doesNotContain("root:");
  }

  @Test
  void anUnreadableDateIsDriftAtThatItemsPubDate() {
    String feed = rss("").replace("Sun, 01 Mar 2026 08:00:00 +0900", "2026년 3월 1일");

    ParseResult result =
        new NaverBlogRssParser()
            .parse(capture("https://rss.blog.naver.com/bada_diary.xml", 200, feed), CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .anySatisfy(f -> assertThat(f.path()).isEqualTo("/items/0/pubDate"));
  }

  private static String postPage(String photoProperty, String body) {
    return """
        <html><body>
        <div id="_post_property" commentCount="2" commentEnable="%enable" addDate="1772330400000" editorversion='4'></div>
        %photo
        <div class="blog_category"><a href="#">여행</a></div>
        <div id="viewTypeSelector"><div class="se-main-container">%body</div></div>
        <script>var blogId = "bada_diary"; var gsTagName = "";</script>
        </body></html>
        """
        .replace("%photo", photoProperty)
        .replace("%body", body)
        .replace("%enable", "true");
  }

  private static final String PHOTO =
      "<div id=\"_photo_view_property\" blogId='bada_diary' logNo='224000000002' title='해변'></div>";
  private static final String POST_URL =
      "https://m.blog.naver.com/PostView.naver?blogId=bada_diary&logNo=224000000002";

  @Test
  void commentsTheBloggerTurnedOffAreUnavailableAndLikesAreNotInThePage() {
    String page =
        postPage(PHOTO, "<p>본문</p>").replace("commentEnable=\"true\"", "commentEnable=\"false\"");

    ParseResult.Parsed parsed =
        (ParseResult.Parsed) new NaverBlogPostParser().parse(capture(POST_URL, 200, page), CONTEXT);

    PostRecord post = (PostRecord) parsed.records().getFirst();
    assertThat(post.comments()).isNull();
    assertThat(post.unavailable())
        .containsOnly(
            Map.entry("comments", Unavailable.TURNED_OFF),
            Map.entry("likes", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void aCommentCountMissingWhileCommentsAreOnIsDriftThere() {
    String page = postPage(PHOTO, "<p>본문</p>").replace("commentCount=\"2\" ", "");

    ParseResult result = new NaverBlogPostParser().parse(capture(POST_URL, 200, page), CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/commentCount");
  }

  @Test
  void aBodyContainerOfTheDeclaredEditorThatIsGoneIsDriftNeverAnotherGenerationsBody() {
    String page = postPage(PHOTO, "<p>본문</p>").replace("se-main-container", "se-main-container-v2");

    ParseResult result = new NaverBlogPostParser().parse(capture(POST_URL, 200, page), CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/text", "/images");
  }

  @Test
  void aTracedPostNamesTheHiddenElementsItsValuesCameFrom() {
    TracedParse traced =
        new NaverBlogPostParser()
            .parseTraced(capture(POST_URL, 200, postPage(PHOTO, "<p>본문</p>")), CONTEXT);

    assertThat(traced.domSources())
        .containsEntry("/title", "#_photo_view_property")
        .containsEntry("/publishedAt", "#_post_property")
        .containsEntry("/commentCount", "#_post_property")
        .containsKeys("/tags", "/text", "/images");
  }

  @Test
  void aPostWhoseTextSaysPrivateIsStillAPost() {
    String page =
        postPage(
            "<div id=\"_photo_view_property\" blogId='bada_diary' logNo='224000000002' title='비공개 해변'></div>",
            "<p class=\"se-text-paragraph\">이 해변은 비공개 구역이었어요.</p><p>&nbsp;</p>");
    Capture capture =
        capture(
            "https://m.blog.naver.com/PostView.naver?blogId=bada_diary&logNo=224000000002",
            200,
            page);

    ParseResult.Parsed parsed =
        (ParseResult.Parsed) new NaverBlogPostParser().parse(capture, CONTEXT);

    PostRecord post = (PostRecord) parsed.records().getFirst();
    assertThat(post.text()).isEqualTo("이 해변은 비공개 구역이었어요.");
    assertThat(post.comments()).isEqualTo(2L);
    assertThat(post.likes()).isNull();
    assertThat(post.unavailable()).containsOnlyKeys("likes");
    assertThat(post.hashtags()).isEmpty();
    assertThat(parsed.next().value("category")).isEqualTo("여행");
  }

  @Test
  void aPostPageWithoutItsHiddenPropertiesIsDriftNamingThem() {
    String page = postPage("", "<p>본문</p>");
    Capture capture =
        capture(
            "https://m.blog.naver.com/PostView.naver?blogId=bada_diary&logNo=224000000002",
            200,
            page);

    ParseResult result = new NaverBlogPostParser().parse(capture, CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .contains("/blogId", "/logNo", "/title");
  }

  @Test
  void theBlogInfoJsonIsReadBehindItsGuardAndAFailureIsNotFound() {
    String ok =
        ")]}',\n{\"isSuccess\":true,\"result\":{\"blogName\":\"바다 일기 🌊\",\"nickName\":\"바다\","
            + "\"subscriberCount\":15,\"totalVisitorCount\":900}}";
    String url = "https://m.blog.naver.com/rego/BlogInfo.naver?blogId=bada_diary";
    Capture capture = capture(url, 200, ok);

    assertThat(platform.recognize(capture)).contains(NaverBlogProfileParser.PAGE_TYPE_ID);
    ParseResult.Parsed parsed =
        (ParseResult.Parsed) new NaverBlogProfileParser().parse(capture, CONTEXT);
    ProfileRecord p = (ProfileRecord) parsed.records().getFirst();
    assertThat(p.platformId()).isEqualTo("bada_diary");
    assertThat(p.followers()).isEqualTo(15L);
    assertThat(p.totalViews()).isEqualTo(900L);
    assertThat(p.unavailable())
        .containsExactly(Map.entry("postCount", Unavailable.NOT_IN_PAGE_TYPE));
    assertThat(parsed.next().value("blogName")).isEqualTo("바다 일기 🌊");
    assertThat(
            ((ParseResult.Drifted)
                    new NaverBlogProfileParser()
                        .parse(
                            capture(url, 200, ok.replace(",\"totalVisitorCount\":900", "")),
                            CONTEXT))
                .report()
                .failures())
        .extracting(f -> f.path())
        .containsExactly("/result/totalVisitorCount");

    ParseResult missing =
        new NaverBlogProfileParser()
            .parse(capture(url, 200, ")]}',\n{\"isSuccess\":false,\"result\":null}"), CONTEXT);
    assertThat(((ParseResult.Classified) missing).outcome()).isEqualTo(Outcome.NOT_FOUND);
  }
}
