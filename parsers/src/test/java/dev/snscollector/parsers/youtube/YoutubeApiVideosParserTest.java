package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import org.junit.jupiter.api.Test;

class YoutubeApiVideosParserTest {
  private static final String URL =
      "https://www.googleapis.com/youtube/v3/videos?part=snippet,contentDetails,statistics&id=vid_aaaaaa1";
  private static final String VIEWS =
      "{\"viewCount\": \"1\", \"likeCount\": \"0\", \"commentCount\": \"0\"}";
  private final YoutubeApiVideosParser parser = new YoutubeApiVideosParser();

  private static String video(String title, String description, String duration, String stats) {
    return TestCaptures.fill(
        """
        {
          "kind": "youtube#videoListResponse",
          "items": [{
            "kind": "youtube#video",
            "id": "vid_aaaaaa1",
            "snippet": {
              "publishedAt": "2025-02-03T04:05:06Z",
              "channelId": "UCzzzzzzzzzzzzzzzzzzzz01",
              "title": "%s",
              "description": "%s",
              "tags": ["tagonly", "또다른태그"],
              "thumbnails": {
                "default": {"url": "https://i.example/d.jpg", "width": 120, "height": 90},
                "maxres": {"url": "https://i.example/mx.jpg", "width": 1280, "height": 720}
              }
            },
            "contentDetails": {"duration": "%s"},
            "statistics": %s
          }]
        }""",
        title, description, duration, stats);
  }

  private PostRecord parseOne(String body) {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed) parser.parse(capture(URL, 200, body, null), CONTEXT);
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    return (PostRecord) parsed.records().getFirst();
  }

  @Test
  void statisticsBecomeMetricsAndTheDurationBecomesSeconds() {
    PostRecord post =
        parseOne(
            video(
                "title",
                "desc",
                "PT1H2M3S",
                "{\"viewCount\": \"1200\", \"likeCount\": \"34\", \"favoriteCount\": \"0\", \"commentCount\": \"5\"}"));

    assertThat(post.views()).isEqualTo(1_200L);
    assertThat(post.likes()).isEqualTo(34L);
    assertThat(post.comments()).isEqualTo(5L);
    assertThat(post.shares()).isNull();
    assertThat(post.saves()).isNull();
    assertThat(post.durationSeconds()).isEqualTo(3_723L);
    assertThat(post.postType()).isEqualTo("video");
    assertThat(post.ownerId()).isEqualTo("UCzzzzzzzzzzzzzzzzzzzz01");
    assertThat(post.media().getFirst().url()).isEqualTo("https://i.example/mx.jpg");
  }

  @Test
  void aHiddenLikeCountIsNullWhileAZeroTheApiSendsStaysZero() {
    PostRecord post =
        parseOne(video("t", "d", "PT45S", "{\"viewCount\": \"77\", \"commentCount\": \"0\"}"));

    assertThat(post.likes()).isNull();
    assertThat(post.unavailable()).containsExactly(entry("likes", Unavailable.HIDDEN_BY_CREATOR));
    assertThat(post.comments()).isZero();
    assertThat(post.durationSeconds()).isEqualTo(45L);
  }

  @Test
  void commentsTurnedOffAreUnavailableForThatReason() {
    PostRecord post =
        parseOne(video("t", "d", "PT45S", "{\"viewCount\": \"77\", \"likeCount\": \"3\"}"));

    assertThat(post.comments()).isNull();
    assertThat(post.unavailable()).containsExactly(entry("comments", Unavailable.TURNED_OFF));
  }

  @Test
  void aRenamedLikeCountIsDriftNotAHiddenCount() {
    ParseResult result =
        parser.parse(
            capture(
                URL,
                200,
                video("t", "d", "PT1S", "{\"viewCount\": \"7\", \"likes\": \"3\"}"),
                null),
            CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path() + " " + f.keyword())
        .contains("/items/0/statistics/likes additionalProperties");
  }

  @Test
  void withoutTheStatisticsPartTheMetricsAreNotRequested() {
    String body = video("t", "d", "PT1S", "{}").replace(",\n    \"statistics\": {}", "");
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parser.parse(capture(URL.replace(",statistics", ""), 200, body, null), CONTEXT);

    PostRecord post = (PostRecord) parsed.records().getFirst();
    assertThat(post.views()).isNull();
    assertThat(post.unavailable())
        .containsOnly(
            entry("views", Unavailable.NOT_REQUESTED),
            entry("likes", Unavailable.NOT_REQUESTED),
            entry("comments", Unavailable.NOT_REQUESTED));
  }

  @Test
  void aRequestThatAskedForStatisticsAndGotNoneIsDriftAtThePart() {
    String body = video("t", "d", "PT1S", "{}").replace(",\n    \"statistics\": {}", "");
    ParseResult result = parser.parse(capture(URL, 200, body, null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path())
        .isEqualTo("/items/0/statistics");
  }

  @Test
  void aLiveBroadcastsZeroDurationIsNull() {
    assertThat(parseOne(video("t", "d", "P0D", VIEWS)).durationSeconds()).isNull();
    assertThat(parseOne(video("t", "d", "P1DT2H", VIEWS)).durationSeconds()).isEqualTo(93_600L);
  }

  @Test
  void hashtagsComeFromTitleAndDescriptionAndTagsStayOut() {
    PostRecord post =
        parseOne(
            video(
                "여름 캠핑 #캠핑 #Shorts",
                "후기 #캠핑 #summer2025 🏕️ https://example.com/page#anchor, write to me@example.com, thanks @camp.buddy.",
                "PT30S",
                VIEWS));

    assertThat(post.hashtags()).containsExactly("캠핑", "Shorts", "summer2025");
    assertThat(post.mentions()).containsExactly("camp.buddy");
  }

  @Test
  void aResponseWithNoItemsIsNotFound() {
    ParseResult result =
        parser.parse(
            capture(URL, 200, "{\"kind\": \"youtube#videoListResponse\", \"items\": []}", null),
            CONTEXT);

    assertThat(((ParseResult.Classified) result).outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(((ParseResult.Classified) result).reason()).contains("vid_aaaaaa1");
  }

  @Test
  void aDurationInAnUnknownFormatIsDrift() {
    ParseResult result =
        parser.parse(capture(URL, 200, video("t", "d", "1:02:03", VIEWS), null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path())
        .isEqualTo("/items/0/contentDetails/duration");
  }
}
