package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code commentThreads.list} response (part {@code snippet}, optionally {@code replies})
 * into one {@link CommentRecord} per top-level comment, each followed by the replies the response
 * includes (at most five per thread; {@code comments.list?parentId=} has the rest).
 *
 * <p>Mapping: the post is the thread's {@code snippet.videoId}; text is {@code textOriginal}, else
 * {@code textDisplay}; likes are {@code likeCount} (exact; the API sends 0 as 0); a top-level
 * comment's replyCount is the thread's {@code totalReplyCount}, a reply's is {@code not_applicable}
 * and its parentId the thread's comment id. A thread with replies but without the {@code replies}
 * part, when the request asked for it, is drift at its {@code replies}. The continuation carries
 * the {@code nextPageToken} and the top-level comment ids of threads with more replies than
 * included, ready for {@code comments.list}.
 *
 * <p>Error bodies are classified by {@link YoutubeApiErrors}: {@code commentsDisabled} is {@link
 * Outcome#NOT_FOUND} (a definite answer: the video has no comments to collect, and no other route
 * would find any), {@code videoNotFound} too; quota and key errors as for every API call.
 */
public final class YoutubeApiCommentThreadsParser extends YoutubeApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_API_COMMENT_THREADS;

  public YoutubeApiCommentThreadsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    @Nullable Set<String> parts = YoutubeApiValues.requestedParts(capture.url());
    boolean repliesRequested = parts != null && parts.contains("replies");
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> moreReplies = new ArrayList<>();
    JsonNode items = doc.path("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode thread = items.get(i);
      JsonNode snippet = thread.get("snippet");
      JsonNode top = snippet.get("topLevelComment");
      String videoId = snippet.get("videoId").asString();
      @Nullable Long replyCount = count(snippet.path("totalReplyCount"));
      if (repliesRequested && replyCount != null && replyCount > 0 && !thread.has("replies")) {
        return YoutubeDrift.missing(
            schema(),
            capture.url(),
            "/items/" + i + "/replies",
            "object (the request asked for part=replies and the thread has replies)");
      }
      records.add(comment(top, videoId, replyCount, null, context, source));
      int included = 0;
      for (JsonNode reply : thread.path("replies").path("comments")) {
        String parent = text(reply.get("snippet").path("parentId"));
        records.add(
            comment(
                reply,
                videoId,
                null,
                parent != null ? parent : top.get("id").asString(),
                context,
                source));
        included++;
      }
      if (replyCount != null && replyCount > included) {
        moreReplies.add(top.get("id").asString());
      }
    }
    return new ParseResult.Parsed(
        records, new Continuation(text(doc.path("nextPageToken")), moreReplies, Map.of()));
  }

  private static CommentRecord comment(
      JsonNode comment,
      String videoId,
      @Nullable Long replyCount,
      @Nullable String parentId,
      ParseContext context,
      RecordSource source) {
    JsonNode s = comment.get("snippet");
    String body = text(s.path("textOriginal"));
    return new CommentRecord(
        Platform.YOUTUBE,
        comment.get("id").asString(),
        videoId,
        text(s.path("authorChannelId").path("value")),
        text(s.path("authorDisplayName")),
        body != null ? body : text(s.path("textDisplay")),
        YoutubeApiValues.instant(s.path("publishedAt")),
        count(s.path("likeCount")),
        replyCount,
        parentId,
        List.of(),
        parentId == null ? Map.of() : Map.of("replyCount", Unavailable.NOT_APPLICABLE),
        context.observedAt(),
        source);
  }
}
