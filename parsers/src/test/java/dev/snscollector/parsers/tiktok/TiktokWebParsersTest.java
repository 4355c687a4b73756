package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TiktokWebParsersTest {
  private static final String PROFILE_URL = "https://www.tiktok.com/@dal.bit";
  private final TiktokWebProfileParser profiles = new TiktokWebProfileParser();
  private final TiktokWebVideoParser videos = new TiktokWebVideoParser();
  private final TiktokParsers platform = new TiktokParsers();

  static Capture html(String url, int status, String html) {
    return new Capture(
        url,
        "GET",
        status,
        Map.of("content-type", "text/html; charset=utf-8"),
        html.getBytes(StandardCharsets.UTF_8),
        TestCaptures.FETCHED_AT,
        null);
  }

  static String rehydration(String scopeName, String scopeJson) {
    return TestCaptures.fill(
        "<html><head><title>t</title><script>window.captchaConfig={}</script></head><body>"
            + "<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"
            + "{\"__DEFAULT_SCOPE__\":{\"%s\":%s}}</script></body></html>",
        scopeName, scopeJson);
  }

  private static String profileScope(String statusCode, String userInfo) {
    return "{\"statusCode\":" + statusCode + ",\"statusMsg\":\"\"" + userInfo + "}";
  }

  private static final String USER =
      ",\"userInfo\":{\"user\":{\"id\":\"7000000000000000001\",\"uniqueId\":\"dal.bit\","
          + "\"nickname\":\"달빛 🌙\",\"signature\":\"\"},"
          + "\"stats\":{\"followerCount\":2500,\"followingCount\":3,\"heartCount\":0,\"videoCount\":4},"
          + "\"statsV2\":{\"followerCount\":\"2512\",\"followingCount\":\"3\",\"heartCount\":\"0\",\"videoCount\":\"4\"}}";

  @Test
  void exactStatsV2CountsWinOverTheRoundedStatsAndAreNotApproximate() {
    ParseResult result =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("0", USER))),
            CONTEXT);

    ProfileRecord p = (ProfileRecord) ((ParseResult.Parsed) result).records().getFirst();
    assertThat(p.followers()).isEqualTo(2512L);
    assertThat(p.totalLikes()).isZero();
    assertThat(p.approximate()).isEmpty();
    assertThat(p.links()).isEmpty();
    assertThat(p.verified()).isNull();
  }

  @Test
  void aPageWhoseScriptsMentionCaptchaButCarryTheDataIsParsedNotBlocked() {
    String page = rehydration("webapp.user-detail", profileScope("0", USER));
    assertThat(page).contains("captcha");

    assertThat(profiles.parse(html(PROFILE_URL, 200, page), CONTEXT))
        .isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void aPrivateAccountWithoutUserInfoIsPrivateAndAnUnknownCodeIsBlockedWithTheCode() {
    ParseResult priv =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("10222", ""))),
            CONTEXT);
    ParseResult unknown =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("10299", ""))),
            CONTEXT);

    assertThat(((ParseResult.Classified) priv).outcome()).isEqualTo(Outcome.PRIVATE);
    assertThat(((ParseResult.Classified) unknown).outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(((ParseResult.Classified) unknown).reason()).contains("10299");
  }

  @Test
  void statusZeroWithoutUserInfoIsDriftAtTheMissingPath() {
    ParseResult result =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("0", ""))),
            CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .anySatisfy(
            f -> assertThat(f.path()).isEqualTo("/__DEFAULT_SCOPE__/webapp.user-detail/userInfo"));
  }

  @Test
  void anOlderSigiStatePageIsDriftAtTheRootNeverMisread() {
    String sigi =
        "<html><body><script id=\"SIGI_STATE\" type=\"application/json\">"
            + "{\"UserModule\":{\"users\":{\"dal.bit\":{\"id\":\"7000000000000000001\"}},"
            + "\"stats\":{\"dal.bit\":{\"followerCount\":10}}}}</script></body></html>";
    Capture capture = html(PROFILE_URL, 200, sigi);

    assertThat(platform.recognize(capture)).contains(TiktokWebProfileParser.PAGE_TYPE_ID);
    ParseResult result = profiles.parse(capture, CONTEXT);
    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().found())
        .contains("SIGI_STATE");
  }

  @Test
  void aVideoWithDuplicateHashtagsListsEachOnceAndZeroDurationIsNull() {
    String scope =
        "{\"statusCode\":0,\"itemInfo\":{\"itemStruct\":{\"id\":\"7300000000000000001\","
            + "\"desc\":\"#Cat #cat 🐈\",\"createTime\":1700000000,"
            + "\"author\":{\"id\":\"1\",\"uniqueId\":\"dal.bit\"},"
            + "\"stats\":{\"playCount\":10,\"diggCount\":1,\"commentCount\":0,\"shareCount\":0},"
            + "\"video\":{\"duration\":0},"
            + "\"challenges\":[{\"title\":\"cat\"}],\"textExtra\":[{\"hashtagName\":\"CAT\"}]}}}";
    Capture capture =
        html(
            "https://www.tiktok.com/@dal.bit/video/7300000000000000001",
            200,
            rehydration("webapp.video-detail", scope));

    assertThat(platform.recognize(capture)).contains(TiktokWebVideoParser.PAGE_TYPE_ID);
    var post =
        (dev.snscollector.contracts.PostRecord)
            ((ParseResult.Parsed) videos.parse(capture, CONTEXT)).records().getFirst();
    assertThat(post.hashtags()).containsExactly("cat");
    assertThat(post.durationSeconds()).isNull();
    assertThat(post.saves()).isNull();
    assertThat(post.comments()).isZero();
  }

  @Test
  void aPageWithoutDataIsClassifiedByItsWallOrStatus() {
    assertThat(
            ((ParseResult.Classified)
                    videos.parse(
                        html(PROFILE_URL, 200, "<html><body>Verify to continue</body></html>"),
                        CONTEXT))
                .outcome())
        .isEqualTo(Outcome.BLOCKED);
    assertThat(
            ((ParseResult.Classified)
                    videos.parse(
                        html(PROFILE_URL, 429, "<html><title>TikTok</title></html>"), CONTEXT))
                .outcome())
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(videos.parse(html(PROFILE_URL, 200, "<html><title>TikTok</title></html>"), CONTEXT))
        .isInstanceOf(ParseResult.Drifted.class);
  }
}
