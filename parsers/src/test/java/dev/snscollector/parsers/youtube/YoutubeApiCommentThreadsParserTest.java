package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Outcome;
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

  @Test
  void aThreadWithoutAVideoIsSkippedAndZeroLikesStayZero() {
    String body =
        """
        {"kind": "youtube#commentThreadListResponse", "items": [
          {"id": "t1", "snippet": {"totalReplyCount": 0, "topLevelComment": {"id": "t1",
             "snippet": {"textDisplay": "channel discussion", "likeCount": 0,
                         "publishedAt": "2020-01-01T00:00:00Z"}}}},
          {"id": "t2", "snippet": {"videoId": "aaaaaaaaaaa", "totalReplyCount": 0,
             "topLevelComment": {"id": "t2", "snippet": {"textDisplay": "<b>hi</b>",
               "likeCount": 0, "publishedAt": "2020-01-02T00:00:00.000Z"}}}}]}""";

    ParseResult.Parsed parsed =
        (ParseResult.Parsed) parser.parse(capture(URL, 200, body, null), CONTEXT);

    assertThat(parsed.records()).hasSize(1);
    CommentRecord c = (CommentRecord) parsed.records().getFirst();
    assertThat(c.platformId()).isEqualTo("t2");
    assertThat(c.text()).isEqualTo("<b>hi</b>");
    assertThat(c.likes()).isZero();
    assertThat(c.replyCount()).isZero();
    assertThat(c.authorId()).isNull();
  }
}
