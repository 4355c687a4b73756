package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult;
import org.junit.jupiter.api.Test;

class YoutubeWebCommentsParserTest {
  private static final String BODY =
      """
      {"onResponseReceivedEndpoints": [{"appendContinuationItemsAction": {"continuationItems": [
         {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "k1"}}}},
         {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "missing"}}}}]}}],
       "frameworkUpdates": {"entityBatchUpdate": {"mutations": [
         {"payload": {"commentEntityPayload": {"key": "k1",
            "properties": {"commentId": "Ugx1", "content": {"content": "좋아요 👍"}, "replyLevel": 0},
            "author": {"channelId": "UCbbbbbbbbbbbbbbbbbbbbbb", "displayName": "@b"},
            "toolbar": {"likeCountNotliked": "", "likeCountLiked": "", "replyCount": "1.2K"}}}},
         {"payload": {"commentEntityPayload": {"key": "not-referenced",
            "properties": {"commentId": "Ugx2", "content": {"content": "x"}},
            "author": {}, "toolbar": {}}}}]}}}""";
  private final YoutubeWebCommentsParser parser = new YoutubeWebCommentsParser();

  @Test
  void onlyReferencedEntitiesBecomeCommentsAndAHiddenLikeCountStaysNull() {
    ParseResult result =
        parser.parse(
            capture("https://www.youtube.com/youtubei/v1/next?v=aaaaaaaaaaa", 200, BODY, null),
            CONTEXT);

    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.records()).hasSize(1);
    CommentRecord c = (CommentRecord) parsed.records().getFirst();
    assertThat(c.postId()).isEqualTo("aaaaaaaaaaa");
    assertThat(c.text()).isEqualTo("좋아요 👍");
    assertThat(c.likes()).isNull();
    assertThat(c.replyCount()).isEqualTo(1_200L);
    assertThat(c.approximate()).containsExactly("replyCount");
    assertThat(parsed.next().nextPageToken()).isNull();
  }

  @Test
  void aCaptureThatDoesNotNameItsVideoIsAnInternalErrorNotRecordsWithoutAPost() {
    ParseResult result =
        parser.parse(capture("https://www.youtube.com/youtubei/v1/next", 200, BODY, null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    assertThat(((ParseResult.Classified) result).outcome()).isEqualTo(Outcome.INTERNAL);
  }
}
