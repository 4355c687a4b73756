package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import org.junit.jupiter.api.Test;

class YoutubeApiCommentThreadsParserTest {
  private static final String URL =
      "https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&videoId=aaaaaaaaaaa";
  private final YoutubeApiCommentThreadsParser parser = new YoutubeApiCommentThreadsParser();

  @Test
  void disabledCommentsAreNotFoundBecauseNoRouteWouldFindAny() {
    String body =
        "{\"error\": {\"code\": 403, \"message\": \"The video has disabled comments.\","
            + " \"errors\": [{\"reason\": \"commentsDisabled\", \"domain\": \"youtube.commentThread\"}]}}";

    ParseResult result = parser.parse(capture(URL, 403, body, null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    assertThat(((ParseResult.Classified) result).outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(((ParseResult.Classified) result).reason()).contains("commentsDisabled");
  }

  private static String thread(String id, int replies, String extra) {
    return String.format(
        java.util.Locale.ROOT,
        """
        {"id": "%1$s", "snippet": {"videoId": "aaaaaaaaaaa", "totalReplyCount": %2$d,
           "topLevelComment": {"id": "%1$s", "snippet": {"textDisplay": "<b>hi</b>",
             "authorChannelId": {"value": "UCzzzzzzzzzzzzzzzzzzzz09"},
             "likeCount": 0, "publishedAt": "2020-01-02T00:00:00.000Z"}}}%3$s}""",
        id,
        replies,
        extra);
  }

  private static final String REPLIES =
      """
      , "replies": {"comments": [{"id": "t1.r1", "snippet": {"textDisplay": "re",
         "parentId": "t1", "authorChannelId": {"value": "UCzzzzzzzzzzzzzzzzzzzz08"},
         "likeCount": 2, "publishedAt": "2020-01-03T00:00:00Z"}}]}""";

  private static String page(String... threads) {
    return "{\"kind\": \"youtube#commentThreadListResponse\", \"items\": ["
        + String.join(",", threads)
        + "]}";
  }

  @Test
  void zeroLikesStayZeroAndAReplyHasNoReplyCountOfItsOwn() {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parser.parse(capture(URL, 200, page(thread("t1", 1, REPLIES)), null), CONTEXT);

    assertThat(parsed.records()).hasSize(2);
    CommentRecord c = (CommentRecord) parsed.records().getFirst();
    assertThat(c.platformId()).isEqualTo("t1");
    assertThat(c.text()).isEqualTo("<b>hi</b>");
    assertThat(c.likes()).isZero();
    assertThat(c.replyCount()).isEqualTo(1L);
    assertThat(c.authorId()).isEqualTo("UCzzzzzzzzzzzzzzzzzzzz09");
    CommentRecord reply = (CommentRecord) parsed.records().get(1);
    assertThat(reply.parentId()).isEqualTo("t1");
    assertThat(reply.replyCount()).isNull();
    assertThat(reply.unavailable()).containsEntry("replyCount", Unavailable.NOT_APPLICABLE);
  }

  @Test
  void aThreadWithoutItsVideoOrACommentWithoutItsAuthorIsDrift() {
    String noVideo = page(thread("t1", 0, "").replace("\"videoId\": \"aaaaaaaaaaa\", ", ""));
    String noAuthor =
        page(
            thread("t1", 0, "")
                .replace("\"authorChannelId\": {\"value\": \"UCzzzzzzzzzzzzzzzzzzzz09\"},", ""));

    assertThat(paths(parser.parse(capture(URL, 200, noVideo, null), CONTEXT)))
        .contains("/items/0/snippet/videoId");
    assertThat(paths(parser.parse(capture(URL, 200, noAuthor, null), CONTEXT)))
        .contains("/items/0/snippet/topLevelComment/snippet/authorChannelId");
  }

  @Test
  void repliesLeftOutOfAThreadThatHasThemAreDriftWhenTheRequestOrAnotherThreadShowsThePart() {
    String body = page(thread("t1", 1, REPLIES), thread("t2", 3, ""));
    String alone = page(thread("t2", 3, ""));
    String withReplies = URL.replace("part=snippet", "part=snippet,replies");

    assertThat(paths(parser.parse(capture(URL, 200, body, null), CONTEXT)))
        .contains("/items/1/replies");
    assertThat(paths(parser.parse(capture(withReplies, 200, alone, null), CONTEXT)))
        .containsExactly("/items/0/replies");
    assertThat(parser.parse(capture(URL, 200, alone, null), CONTEXT))
        .isInstanceOf(ParseResult.Parsed.class);
  }

  private static java.util.List<String> paths(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    return ((ParseResult.Drifted) result).report().failures().stream().map(f -> f.path()).toList();
  }
}
