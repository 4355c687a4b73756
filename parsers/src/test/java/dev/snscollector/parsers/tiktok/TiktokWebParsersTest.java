package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
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

  private static final String USER_OBJECT =
      "\"user\":{\"id\":\"7000000000000000001\",\"uniqueId\":\"dal.bit\","
          + "\"nickname\":\"달빛 🌙\",\"signature\":\"\",\"avatarLarger\":\"https://a.example/1.jpeg\","
          + "\"verified\":false,\"createTime\":1600000000,\"secUid\":\"MS4wLjABAAAAdalbit\"}";
  private static final String ROUNDED =
      "\"stats\":{\"followerCount\":2500,\"followingCount\":3,\"heartCount\":0,\"videoCount\":4}";
  private static final String EXACT =
      "\"statsV2\":{\"followerCount\":\"2512\",\"followingCount\":\"3\",\"heartCount\":\"0\","
          + "\"videoCount\":\"4\"}";
  private static final String USER =
      ",\"userInfo\":{" + USER_OBJECT + "," + ROUNDED + "," + EXACT + "}";
  private static final String USER_PATH = "/__DEFAULT_SCOPE__/webapp.user-detail/userInfo";

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
    assertThat(p.verified()).isFalse();
    assertThat(p.unavailable()).isEmpty();
  }

  @Test
  void aPageWithOnlyTheRoundedStatsIsDriftAtStatsV2NeverARoundedRecord() {
    String roundedOnly = ",\"userInfo\":{" + USER_OBJECT + "," + ROUNDED + "}";

    ParseResult result =
        profiles.parse(
            html(
                PROFILE_URL,
                200,
                rehydration("webapp.user-detail", profileScope("0", roundedOnly))),
            CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .containsExactly(USER_PATH + "/statsV2");
  }

  @Test
  void aCountMissingFromStatsV2IsDriftAtThatCount() {
    String partial =
        ",\"userInfo\":{"
            + USER_OBJECT
            + ","
            + ROUNDED
            + ",\"statsV2\":{\"followingCount\":\"3\",\"heartCount\":\"0\",\"videoCount\":\"4\"}}";

    ParseResult result =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("0", partial))),
            CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .containsExactly(USER_PATH + "/statsV2/followerCount");
  }

  @Test
  void aPrivateAccountShowingItsHeaderIsAProfileWithItsCounts() {
    ParseResult result =
        profiles.parse(
            html(PROFILE_URL, 200, rehydration("webapp.user-detail", profileScope("10222", USER))),
            CONTEXT);

    ProfileRecord p = (ProfileRecord) ((ParseResult.Parsed) result).records().getFirst();
    assertThat(p.followers()).isEqualTo(2512L);
    assertThat(p.unavailable()).isEmpty();
  }

  @Test
  void onAPrivatePageARenamedUserInfoIsDriftWhileAMissingOneIsPrivate() {
    String renamed = ",\"userInfo_v3\":{" + USER_OBJECT + "," + EXACT + "}";
    String renamedUser =
        ",\"userInfo\":{" + USER_OBJECT.replace("\"user\"", "\"owner\"") + "," + EXACT + "}";
    String emptyInfo = ",\"userInfo\":{}";

    ParseResult drift =
        profiles.parse(
            html(
                PROFILE_URL,
                200,
                rehydration("webapp.user-detail", profileScope("10222", renamed))),
            CONTEXT);
    ParseResult driftUser =
        profiles.parse(
            html(
                PROFILE_URL,
                200,
                rehydration("webapp.user-detail", profileScope("10222", renamedUser))),
            CONTEXT);
    ParseResult priv =
        profiles.parse(
            html(
                PROFILE_URL,
                200,
                rehydration("webapp.user-detail", profileScope("10222", emptyInfo))),
            CONTEXT);

    assertThat(((ParseResult.Drifted) drift).report().failures())
        .extracting(f -> f.path())
        .contains("/__DEFAULT_SCOPE__/webapp.user-detail/userInfo_v3");
    assertThat(((ParseResult.Drifted) driftUser).report().failures())
        .extracting(f -> f.path())
        .contains(USER_PATH + "/owner");
    assertThat(((ParseResult.Classified) priv).outcome()).isEqualTo(Outcome.PRIVATE);
    assertThat(profiles.schema().absentMeans(USER_PATH + "/user")).contains("private");
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
            + "\"statsV2\":{\"playCount\":\"10\",\"diggCount\":\"1\",\"commentCount\":\"0\","
            + "\"shareCount\":\"0\",\"collectCount\":\"0\"},"
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
    assertThat(post.saves()).isZero();
    assertThat(post.comments()).isZero();
    assertThat(post.title()).isNull();
    assertThat(post.unavailable())
        .containsExactly(Map.entry("title", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void aPhotoPostWithoutATitleSaysTheCreatorSetNone() {
    String scope =
        "{\"statusCode\":0,\"itemInfo\":{\"itemStruct\":{\"id\":\"7300000000000000002\","
            + "\"desc\":\"\",\"createTime\":\"1700000000\","
            + "\"author\":{\"id\":\"1\",\"uniqueId\":\"dal.bit\"},"
            + "\"statsV2\":{\"playCount\":\"10\",\"diggCount\":\"1\",\"commentCount\":\"0\","
            + "\"shareCount\":\"0\",\"collectCount\":\"2\"},"
            + "\"imagePost\":{\"images\":[],\"title\":\"\"}}}}";
    Capture capture =
        html(
            "https://www.tiktok.com/@dal.bit/photo/7300000000000000002",
            200,
            rehydration("webapp.video-detail", scope));

    var post =
        (dev.snscollector.contracts.PostRecord)
            ((ParseResult.Parsed) videos.parse(capture, CONTEXT)).records().getFirst();
    assertThat(post.postType()).isEqualTo("photo");
    assertThat(post.unavailable()).containsExactly(Map.entry("title", Unavailable.NOT_SET));
  }

  @Test
  void aPhotoPostPageWithoutItsImagePostIsDriftNotAVideo() {
    String scope =
        "{\"statusCode\":0,\"itemInfo\":{\"itemStruct\":{\"id\":\"7300000000000000002\","
            + "\"desc\":\"\",\"createTime\":\"1700000000\","
            + "\"author\":{\"id\":\"1\",\"uniqueId\":\"dal.bit\"},"
            + "\"statsV2\":{\"playCount\":\"10\",\"diggCount\":\"1\",\"commentCount\":\"0\","
            + "\"shareCount\":\"0\",\"collectCount\":\"2\"}}}}";
    String page = rehydration("webapp.video-detail", scope);

    ParseResult photo =
        videos.parse(
            html("https://www.tiktok.com/@dal.bit/photo/7300000000000000002", 200, page), CONTEXT);
    ParseResult video =
        videos.parse(
            html("https://www.tiktok.com/@dal.bit/video/7300000000000000002", 200, page), CONTEXT);

    assertThat(((ParseResult.Drifted) photo).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/__DEFAULT_SCOPE__/webapp.video-detail/itemInfo/itemStruct/imagePost");
    assertThat(video).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void aVideoWithoutStatsV2IsDriftThereEvenWithStats() {
    String scope =
        "{\"statusCode\":0,\"itemInfo\":{\"itemStruct\":{\"id\":\"7300000000000000001\","
            + "\"desc\":\"\",\"createTime\":1700000000,"
            + "\"author\":{\"id\":\"1\",\"uniqueId\":\"dal.bit\"},"
            + "\"stats\":{\"playCount\":1200,\"diggCount\":1,\"commentCount\":0,\"shareCount\":0,"
            + "\"collectCount\":0}}}}";
    Capture capture =
        html(
            "https://www.tiktok.com/@dal.bit/video/7300000000000000001",
            200,
            rehydration("webapp.video-detail", scope));

    assertThat(((ParseResult.Drifted) videos.parse(capture, CONTEXT)).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/__DEFAULT_SCOPE__/webapp.video-detail/itemInfo/itemStruct/statsV2");
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
