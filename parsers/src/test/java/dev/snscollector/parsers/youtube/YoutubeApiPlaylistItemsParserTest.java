package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class YoutubeApiPlaylistItemsParserTest {
  private static final String URL =
      "https://www.googleapis.com/youtube/v3/playlistItems?part=snippet,contentDetails&playlistId=UUzzzzzzzzzzzzzzzzzzzz01";
  private final YoutubeApiPlaylistItemsParser parser = new YoutubeApiPlaylistItemsParser();

  private static String item(String videoId, String title, String contentDetails) {
    return TestCaptures.fill(
        """
        {
          "kind": "youtube#playlistItem",
          "snippet": {
            "publishedAt": "2025-05-06T07:00:00Z",
            "channelId": "UCzzzzzzzzzzzzzzzzzzzz01",
            "title": "%s",
            "description": "새 영상 #브이로그 with @friend.one 🎬",
            "thumbnails": {"medium": {"url": "https://i.example/%s/mq.jpg", "width": 320, "height": 180}},
            "playlistId": "UUzzzzzzzzzzzzzzzzzzzz01",
            "videoOwnerChannelId": "UCzzzzzzzzzzzzzzzzzzzz02",
            "resourceId": {"kind": "youtube#video", "videoId": "%s"}
          },
          "contentDetails": %s
        }""",
        title, videoId, videoId, contentDetails);
  }

  private static String page(String nextPageToken, String... items) {
    String token = nextPageToken.isEmpty() ? "" : "\"nextPageToken\": \"" + nextPageToken + "\",";
    return "{\"kind\": \"youtube#playlistItemListResponse\", "
        + token
        + "\"items\": ["
        + String.join(",", items)
        + "]}";
  }

  private ParseResult.Parsed parse(String body) {
    return (ParseResult.Parsed) parser.parse(capture(URL, 200, body, null), CONTEXT);
  }

  @Test
  void aPlaylistItemBecomesAVideoPostWithoutMetrics() {
    ParseResult.Parsed parsed =
        parse(
            page(
                "CAEQAA",
                item(
                    "vid_aaaaaa1",
                    "첫 영상",
                    "{\"videoId\": \"vid_aaaaaa1\", \"videoPublishedAt\": \"2025-05-01T12:00:00Z\"}")));
    PostRecord post = (PostRecord) parsed.records().getFirst();

    assertThat(post.platformId()).isEqualTo("vid_aaaaaa1");
    assertThat(post.url()).isEqualTo("https://www.youtube.com/watch?v=vid_aaaaaa1");
    assertThat(post.ownerId()).isEqualTo("UCzzzzzzzzzzzzzzzzzzzz02");
    assertThat(post.publishedAt()).isEqualTo(Instant.parse("2025-05-01T12:00:00Z"));
    assertThat(post.title()).isEqualTo("첫 영상");
    assertThat(post.caption()).isEqualTo("새 영상 #브이로그 with @friend.one 🎬");
    assertThat(post.hashtags()).containsExactly("브이로그");
    assertThat(post.mentions()).containsExactly("friend.one");
    assertThat(post.media()).extracting(PostRecord.Media::type).containsExactly("thumbnail");
    assertThat(post.views()).isNull();
    assertThat(post.likes()).isNull();
    assertThat(post.comments()).isNull();
    assertThat(post.unavailable())
        .containsOnly(
            entry("views", Unavailable.NOT_IN_PAGE_TYPE),
            entry("likes", Unavailable.NOT_IN_PAGE_TYPE),
            entry("comments", Unavailable.NOT_IN_PAGE_TYPE));
    assertThat(post.durationSeconds()).isNull();
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
  }

  @Test
  void deletedAndPrivatePlaceholdersAreSkippedAndLeftOutOfTheIds() {
    ParseResult.Parsed parsed =
        parse(
            page(
                "",
                item(
                    "vid_aaaaaa1",
                    "one",
                    "{\"videoId\": \"vid_aaaaaa1\", \"videoPublishedAt\": \"2025-05-01T12:00:00Z\"}"),
                item("vid_deleted", "Deleted video", "{\"videoId\": \"vid_deleted\"}"),
                item("vid_private", "Private video", "{\"videoId\": \"vid_private\"}"),
                item(
                    "vid_aaaaaa2",
                    "two",
                    "{\"videoId\": \"vid_aaaaaa2\", \"videoPublishedAt\": \"2025-05-02T12:00:00Z\"}")));

    assertThat(parsed.records())
        .extracting(r -> r.platformId())
        .containsExactly("vid_aaaaaa1", "vid_aaaaaa2");
    assertThat(parsed.next().ids()).containsExactly("vid_aaaaaa1", "vid_aaaaaa2");
    assertThat(parsed.next().nextPageToken()).isNull();
  }

  @Test
  void withoutTheContentDetailsPartThePublicationTimeIsNotRequestedNeverTheTimeItWasAdded() {
    String body =
        page(
            "CAUQAA",
            item("vid_aaaaaa3", "three", "{}").replace(",\n  \"contentDetails\": {}", ""));
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parser.parse(capture(URL.replace(",contentDetails", ""), 200, body, null), CONTEXT);
    ParseResult asked = parser.parse(capture(URL, 200, body, null), CONTEXT);

    PostRecord post = (PostRecord) parsed.records().getFirst();
    assertThat(post.platformId()).isEqualTo("vid_aaaaaa3");
    assertThat(post.publishedAt()).isNull();
    assertThat(post.unavailable()).containsEntry("publishedAt", Unavailable.NOT_REQUESTED);
    assertThat(parsed.next().nextPageToken()).isEqualTo("CAUQAA");
    assertThat(asked).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) asked).report().failures().getFirst().path())
        .isEqualTo("/items/0/contentDetails");
  }

  @Test
  void beforeTheApiNamedEachVideosOwnerOnlyAnUploadsPlaylistTellsIt() {
    String published =
        "{\"videoId\": \"vid_aaaaaa1\", \"videoPublishedAt\": \"2025-05-01T12:00:00Z\"}";
    String uploads =
        page("", item("vid_aaaaaa1", "one", published))
            .replace("\"videoOwnerChannelId\": \"UCzzzzzzzzzzzzzzzzzzzz02\",", "");
    String other = uploads.replace("\"UUzzzzzzzzzzzzzzzzzzzz01\"", "\"PLzzzzzzzzzzzzzzzzzzzz01\"");

    PostRecord fromUploads = (PostRecord) parse(uploads).records().getFirst();
    PostRecord fromOther = (PostRecord) parse(other).records().getFirst();

    assertThat(fromUploads.ownerId()).isEqualTo("UCzzzzzzzzzzzzzzzzzzzz01");
    assertThat(fromOther.ownerId()).isNull();
    assertThat(fromOther.unavailable()).containsEntry("ownerId", Unavailable.NOT_IN_PAGE_TYPE);
  }

  @Test
  void whenOneItemNamesItsOwnerEveryVideoMust() {
    String published =
        "{\"videoId\": \"vid_aaaaaa1\", \"videoPublishedAt\": \"2025-05-01T12:00:00Z\"}";
    String body =
        page(
            "",
            item("vid_aaaaaa1", "one", published),
            item("vid_aaaaaa2", "two", published.replace("aaa1", "aaa2"))
                .replace("\"videoOwnerChannelId\": \"UCzzzzzzzzzzzzzzzzzzzz02\",", ""));
    ParseResult result = parser.parse(capture(URL, 200, body, null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path())
        .contains("/items/1/snippet/videoOwnerChannelId");
  }

  @Test
  void anEmptyPageIsASuccessWithNoRecords() {
    ParseResult.Parsed parsed = parse(page(""));

    assertThat(parsed.records()).isEmpty();
    assertThat(parsed.next().ids()).isEmpty();
  }

  @Test
  void aPlaylistNotFoundErrorIsNotFound() {
    String body =
        "{\"error\": {\"code\": 404, \"message\": \"The playlist cannot be found.\", \"errors\": [{\"reason\": \"playlistNotFound\", \"domain\": \"youtube.playlistItem\"}]}}";
    ParseResult result = parser.parse(capture(URL, 404, body, null), CONTEXT);

    assertThat(result)
        .isEqualTo(
            new ParseResult.Classified(
                dev.snscollector.contracts.Outcome.NOT_FOUND,
                "youtube api error 404 playlistNotFound: The playlist cannot be found."));
  }
}
