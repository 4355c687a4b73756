package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import org.junit.jupiter.api.Test;

class YoutubeWebChannelParserTest {
  private static final String URL = "https://www.youtube.com/@a";
  private static final String META =
      "\"metadata\": {\"channelMetadataRenderer\": {\"externalId\": \"UCaaaaaaaaaaaaaaaaaaaaaa\","
          + " \"title\": \"채널\", \"ownerUrls\": [\"http://www.youtube.com/@from.urls\"]}}";
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
            viewModelPage(part("4,69\\u00a0M de suscriptores") + "," + part("6,8\\u00a0K vídeos")));

    assertThat(p.followers()).isEqualTo(4_690_000L);
    assertThat(p.postCount()).isEqualTo(6_800L);
    assertThat(p.approximate()).containsExactly("followers", "postCount");
  }

  @Test
  void inALanguageWithoutKnownWordsTwoCountsAreSubscribersThenVideos() {
    ProfileRecord p =
        parseOne(viewModelPage(part("ผู้ติดตาม 1.2K คน") + "," + part("วิดีโอ 57 รายการ")));

    assertThat(p.followers()).isEqualTo(1_200L);
    assertThat(p.postCount()).isEqualTo(57L);
  }

  @Test
  void withoutAHandleInTheHeaderTheHandleComesFromTheOwnerUrls() {
    ProfileRecord p = parseOne(viewModelPage(part("12 subscribers")));

    assertThat(p.handle()).isEqualTo("from.urls");
    assertThat(p.followers()).isEqualTo(12L);
    assertThat(p.postCount()).isNull();
    assertThat(p.verified()).isFalse();
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
