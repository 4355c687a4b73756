package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import dev.snscollector.parsers.text.Counts.Count;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InstagramParsersTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();
  private static final String MEDIA_URL =
      "https://graph.facebook.com/v21.0/17841400000000101/media?access_token=EAAGsecret&fields=id";

  private static ParseResult parse(String url, int status, String body, String declared) {
    var c = capture(url, status, body, declared);
    return REGISTRY.recognize(c).orElseThrow().parse(c, TestCaptures.CONTEXT);
  }

  private static Outcome graphOutcome(String error) {
    JsonNode doc = dev.snscollector.contracts.Json.MAPPER.readTree(error);
    return InstagramGraphErrors.classify(400, doc).orElseThrow().outcome();
  }

  @Test
  void anAccessTokenInTheRequestUrlNeverReachesARecord() {
    String body =
        "{\"data\":[{\"id\":\"18000000000000001\",\"media_type\":\"IMAGE\"}],"
            + "\"paging\":{\"cursors\":{\"after\":\"AFTER1\"},"
            + "\"next\":\"https://graph.facebook.com/v21.0/1/media?access_token=EAAGsecret&after=AFTER1\"}}";

    ParseResult.Parsed parsed = (ParseResult.Parsed) parse(MEDIA_URL, 200, body, null);

    PostRecord post = (PostRecord) parsed.records().get(0);
    assertThat(post.source().url())
        .isEqualTo("https://graph.facebook.com/v21.0/17841400000000101/media?fields=id");
    assertThat(post.ownerId()).isEqualTo("17841400000000101");
    assertThat(parsed.next().nextPageToken()).isEqualTo("AFTER1");
    assertThat(parsed.next().toString()).doesNotContain("EAAGsecret");
  }

  @Test
  void anAfterCursorWithoutANextLinkIsTheLastPage() {
    String body =
        "{\"data\":[{\"id\":\"18000000000000001\",\"media_type\":\"VIDEO\","
            + "\"media_product_type\":\"REELS\"}],\"paging\":{\"cursors\":{\"after\":\"AFTER1\"}}}";

    ParseResult.Parsed parsed = (ParseResult.Parsed) parse(MEDIA_URL, 200, body, null);

    assertThat(parsed.next().nextPageToken()).isNull();
    assertThat(((PostRecord) parsed.records().get(0)).postType()).isEqualTo("reel");
    assertThat(((PostRecord) parsed.records().get(0)).likes()).isNull();
  }

  @Test
  void graphErrorCodesMapToTheirOutcomes() {
    assertThat(graphOutcome("{\"error\":{\"code\":190,\"error_subcode\":460}}"))
        .isEqualTo(Outcome.TOKEN_INVALID);
    for (int code : new int[] {4, 17, 32, 613, 80002}) {
      assertThat(graphOutcome("{\"error\":{\"code\":" + code + "}}"))
          .as("code " + code)
          .isEqualTo(Outcome.RATE_LIMITED);
    }
    assertThat(graphOutcome("{\"error\":{\"code\":100,\"error_subcode\":33}}"))
        .isEqualTo(Outcome.NOT_FOUND);
    assertThat(graphOutcome("{\"error\":{\"code\":100}}")).isEqualTo(Outcome.BLOCKED);
    assertThat(graphOutcome("{\"error\":{\"code\":10}}")).isEqualTo(Outcome.BLOCKED);
    assertThat(graphOutcome("{\"error\":{\"code\":200}}")).isEqualTo(Outcome.BLOCKED);
    assertThat(graphOutcome("{\"error\":{\"code\":2,\"is_transient\":true}}"))
        .isEqualTo(Outcome.INTERNAL);
  }

  @Test
  void anHtmlLoginRedirectForTheProfileJsonIsALoginWall() {
    ParseResult result =
        parse(
            "https://i.instagram.com/api/v1/users/web_profile_info/?username=x",
            200,
            "<html><head><link rel=\"canonical\" href=\"https://www.instagram.com/accounts/login/\">",
            "instagram.web.profile_info");

    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    assertThat(((ParseResult.Classified) result).outcome()).isEqualTo(Outcome.LOGIN_WALL);
  }

  @Test
  void profileDescriptionCountsAreReadInSeveralLanguages() {
    assertThat(InstagramMetaCounts.read("1,234 Followers, 56 Following, 7 Posts - See").counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "followers", new Count(1234, false),
                "following", new Count(56, false),
                "posts", new Count(7, false)));
    assertThat(InstagramMetaCounts.read("フォロワー1.2万人、フォロー中456人、投稿789件 ― 名前(@x)さん").counts())
        .containsEntry("followers", new Count(12_000, true))
        .containsEntry("following", new Count(456, false))
        .containsEntry("posts", new Count(789, false));
    assertThat(
            InstagramMetaCounts.read("12.300 Follower, 456 gefolgt, 789 Beiträge – Sieh").counts())
        .containsEntry("followers", new Count(12_300, false));
    assertThat(InstagramMetaCounts.read("2,5 mi seguidores, 10 seguindo, 3 posts - Veja").counts())
        .containsEntry("followers", new Count(2_500_000, true))
        .containsEntry("following", new Count(10, false));
  }

  @Test
  void aDescriptionInAnUnknownLanguageIsReportedNotDropped() {
    InstagramMetaCounts.Labelled read =
        InstagramMetaCounts.read("1 234 obserwujących, 56 obserwowanych, 7 postów - Zobacz");

    assertThat(read.unrecognized()).containsExactly("1 234 obserwujących", "56 obserwowanych");
    assertThat(read.counts()).containsOnlyKeys("posts");
  }

  @Test
  void hashtagsAndMentionsComeFromTheCaptionOnly() {
    assertThat(InstagramValues.hashtags("카페 #성수카페 #라떼 page#top #성수카페"))
        .containsExactly("성수카페", "라떼");
    assertThat(InstagramValues.mentions("사진 @pixel.trail.art. mail a@b.com"))
        .containsExactly("pixel.trail.art");
  }
}
