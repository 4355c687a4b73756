package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.MissingContextException;
import dev.snscollector.parsers.ParseResult;
import org.junit.jupiter.api.Test;

class YoutubeWebCommentsParserTest {
  private static final String URL = "https://www.youtube.com/youtubei/v1/next?v=aaaaaaaaaaa";
  private static final String BODY =
      """
      {"onResponseReceivedEndpoints": [{"appendContinuationItemsAction": {"continuationItems": [
         {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "k1"}}}},
         {"commentThreadRenderer": {"commentViewModel": {"commentViewModel": {"commentKey": "k3"}}}}]}}],
       "frameworkUpdates": {"entityBatchUpdate": {"mutations": [
         {"payload": {"commentEntityPayload": {"key": "k1",
            "properties": {"commentId": "Ugx1", "content": {"content": "좋아요 👍"}, "replyLevel": 0},
            "author": {"channelId": "UCbbbbbbbbbbbbbbbbbbbbbb", "displayName": "@b"},
            "toolbar": {"likeCountNotliked": "", "likeCountLiked": "1", "replyCount": "1.2K"}}}},
         {"payload": {"commentEntityPayload": {"key": "not-referenced",
            "properties": {"commentId": "Ugx2", "content": {"content": "x"}},
            "author": {"channelId": "UCcccccccccccccccccccccc"},
            "toolbar": {"likeCountNotliked": "3", "likeCountLiked": "4", "replyCount": ""}}}},
         {"payload": {"commentEntityPayload": {"key": "k3",
            "properties": {"commentId": "Ugx1.r3", "content": {"content": "reply"}, "replyLevel": 1},
            "author": {"channelId": "UCdddddddddddddddddddddd"},
            "toolbar": {"likeCountNotliked": "2", "likeCountLiked": "3", "replyCount": ""}}}}]}}}""";
  private final YoutubeWebCommentsParser parser = new YoutubeWebCommentsParser();

  @Test
  void onlyReferencedEntitiesBecomeCommentsAndZeroLikesShowAsNothing() {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed) parser.parse(capture(URL, 200, BODY, null), CONTEXT);

    assertThat(parsed.records()).extracting(r -> r.platformId()).containsExactly("Ugx1", "Ugx1.r3");
    CommentRecord c = (CommentRecord) parsed.records().getFirst();
    assertThat(c.postId()).isEqualTo("aaaaaaaaaaa");
    assertThat(c.text()).isEqualTo("좋아요 👍");
    assertThat(c.likes()).isZero();
    assertThat(c.replyCount()).isEqualTo(1_200L);
    assertThat(c.approximate()).containsExactly("replyCount");
    assertThat(c.unavailable()).containsExactly(entry("publishedAt", Unavailable.NOT_IN_PAGE_TYPE));
    CommentRecord reply = (CommentRecord) parsed.records().get(1);
    assertThat(reply.parentId()).isEqualTo("Ugx1");
    assertThat(reply.unavailable())
        .containsOnly(
            entry("publishedAt", Unavailable.NOT_IN_PAGE_TYPE),
            entry("replyCount", Unavailable.NOT_APPLICABLE));
    assertThat(parsed.next().nextPageToken()).isNull();
  }

  @Test
  void aReferencedCommentWithoutItsEntityIsDriftNotACommentLeftOut() {
    ParseResult result =
        parser.parse(
            capture(URL, 200, BODY.replace("\"key\": \"k3\"", "\"key\": \"k4\""), null), CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path())
        .isEqualTo("/frameworkUpdates/entityBatchUpdate/mutations");
  }

  @Test
  void aToolbarThatShowsNoLikeCountAtAllIsDriftNotNullLikes() {
    ParseResult result =
        parser.parse(
            capture(
                URL,
                200,
                BODY.replace("\"likeCountLiked\": \"1\"", "\"likeCountLiked\": \"\""),
                null),
            CONTEXT);

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path())
        .isEqualTo("records/0/likes");
  }

  @Test
  void aCaptureThatDoesNotNameItsVideoNeedsTheCallerToSupplyIt() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    capture("https://www.youtube.com/youtubei/v1/next", 200, BODY, null), CONTEXT))
        .isInstanceOfSatisfying(
            MissingContextException.class,
            e -> {
              assertThat(e.pageType()).isEqualTo("youtube.web.comments");
              assertThat(e.needed()).contains("v=");
              assertThat(e.example()).contains("/youtubei/v1/next?v=");
            });
  }
}
