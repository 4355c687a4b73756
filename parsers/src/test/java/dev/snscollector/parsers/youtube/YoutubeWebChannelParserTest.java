package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import org.junit.jupiter.api.Test;

class YoutubeWebChannelParserTest {
  private static final String URL = "https://www.youtube.com/@a";
  private static final String META =
      "\"metadata\": {\"channelMetadataRenderer\": {\"externalId\": \"UCaaaaaaaaaaaaaaaaaaaaaa\","
          + " \"title\": \"채널\", \"description\": \"\","
          + " \"ownerUrls\": [\"http://www.youtube.com/@from.urls\"]}}";
  private static final String HANDLE = "{\"text\": {\"content\": \"@a.handle\"}},";
  private final YoutubeWebChannelParser parser = new YoutubeWebChannelParser();

  private static String viewModelPage(String parts) {
    return "<html><script>var ytInitialData = {"
        + META
        + ", \"header\": {\"pageHeaderRenderer\": {\"content\": {\"pageHeaderViewModel\": {"
        + "\"metadata\": {\"contentMetadataViewModel\": {\"metadataRows\": [{\"metadataParts\": ["
        + parts
        + "]}]}}}}}}};</script></html>";
  }

  private static String part(String text) {
    return "{\"text\": {\"content\": \"" + text + "\"}}";
  }

  private ProfileRecord parseOne(String body) {
    ParseResult result = parser.parse(capture(URL, 200, body, null), CONTEXT);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    return (ProfileRecord) parsed.records().getFirst();
  }

  @Test
  void countsWithNoBreakSpacesKeepTheirUnitAndAreApproximate() {
    ProfileRecord p =
        parseOne(
            viewModelPage(
                HANDLE + part("4,69\\u00a0M de suscriptores") + "," + part("6,8\\u00a0K vídeos")));

    assertThat(p.followers()).isEqualTo(4_690_000L);
    assertThat(p.postCount()).isEqualTo(6_800L);
    assertThat(p.approximate()).containsExactly("followers", "postCount");
  }

  @Test
  void inALanguageWithoutKnownWordsTwoCountsAreSubscribersThenVideos() {
    ProfileRecord p =
        parseOne(
            viewModelPage(HANDLE + part("ผู้ติดตาม 1.2K คน") + "," + part("วิดีโอ 57 รายการ")));

    assertThat(p.followers()).isEqualTo(1_200L);
    assertThat(p.postCount()).isEqualTo(57L);
  }

  @Test
  void aHeaderThatShowsTheVideoCountButNoSubscribersHidesThem() {
    ProfileRecord p = parseOne(viewModelPage(HANDLE + part("3 videos")));

    assertThat(p.handle()).isEqualTo("a.handle");
    assertThat(p.followers()).isNull();
    assertThat(p.postCount()).isEqualTo(3L);
    assertThat(p.verified()).isFalse();
    assertThat(p.unavailable())
        .containsOnly(
            entry("followers", Unavailable.HIDDEN_BY_CREATOR),
            entry("totalViews", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void aHeaderWithoutItsHandleOrItsCountsIsDriftNotNulls() {
    ParseResult noHandle =
        parser.parse(
            capture(URL, 200, viewModelPage(part("12 subscribers") + "," + part("3 videos")), null),
            CONTEXT);
    ParseResult noCounts =
        parser.parse(capture(URL, 200, viewModelPage(HANDLE + part("hello")), null), CONTEXT);

    assertThat(noHandle).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) noHandle).report().failures())
        .extracting(f -> f.path())
        .containsExactly("records/0/handle");
    assertThat(((ParseResult.Drifted) noCounts).report().failures())
        .extracting(f -> f.path())
        .containsExactly("records/0/followers", "records/0/postCount");
  }

  private static String c4Page(String header) {
    return "<html><script>var ytInitialData = {"
        + META
        + ", \"header\": {\"c4TabbedHeaderRenderer\": {"
        + header
        + "}}};</script></html>";
  }

  @Test
  void aC4HeaderFromBeforeHandlesHasNoHandleSetAndShowsNoVideoCount() {
    ProfileRecord p =
        parseOne(c4Page("\"subscriberCountText\": {\"simpleText\": \"1.38M subscribers\"}"));

    assertThat(p.followers()).isEqualTo(1_380_000L);
    assertThat(p.unavailable())
        .containsOnly(
            entry("handle", Unavailable.NOT_SET),
            entry("postCount", Unavailable.NOT_IN_PAGE_TYPE),
            entry("totalViews", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void aC4HeaderWithAHandleButWithoutItsVideoCountOrSubscribersIsDrift() {
    String subscribers = "\"subscriberCountText\": {\"simpleText\": \"12 subscribers\"}";
    String handle = "\"channelHandleText\": {\"runs\": [{\"text\": \"@a.handle\"}]}";
    String videos = "\"videosCountText\": {\"runs\": [{\"text\": \"No videos\"}]}";

    ProfileRecord p = parseOne(c4Page(subscribers + "," + handle + "," + videos));
    ParseResult noVideos =
        parser.parse(capture(URL, 200, c4Page(subscribers + "," + handle), null), CONTEXT);
    ParseResult noSubscribers =
        parser.parse(capture(URL, 200, c4Page(handle + "," + videos), null), CONTEXT);

    assertThat(p.handle()).isEqualTo("a.handle");
    assertThat(p.postCount()).isZero();
    assertThat(((ParseResult.Drifted) noVideos).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/header/c4TabbedHeaderRenderer/videosCountText");
    assertThat(((ParseResult.Drifted) noSubscribers).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/header/c4TabbedHeaderRenderer/subscriberCountText");
  }

  @Test
  void aHeaderRenamedByYoutubeIsDriftThatNamesTheNewKey() {
    String body =
        "{" + META + ", \"header\": {\"channelHeaderViewModel2027\": {\"title\": \"x\"}}}";

    ParseResult result = parser.parse(capture(URL, 200, body, null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    DriftReport report = ((ParseResult.Drifted) result).report();
    assertThat(report.schemaId()).endsWith("youtube.web.channel/v1");
    assertThat(report.failures())
        .extracting(f -> f.path())
        .containsExactlyInAnyOrder("/header/pageHeaderRenderer", "/header/c4TabbedHeaderRenderer");
    assertThat(report.failures())
        .allSatisfy(f -> assertThat(f.newKeys()).containsExactly("channelHeaderViewModel2027"));
  }

  @Test
  void aPageWithoutYtInitialDataIsDriftAtTheRoot() {
    ParseResult result =
        parser.parse(capture(URL, 200, "<html><body>hello</body></html>", null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path()).isEmpty();
  }
}
