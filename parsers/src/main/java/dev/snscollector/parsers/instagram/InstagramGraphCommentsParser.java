package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of {@code GET /{media-id}/comments?fields=id,text,timestamp,username,like_count,
 * from,replies{…}} into {@link CommentRecord}s: each top-level comment, then its replies when the
 * {@code replies} field was requested (parentId the top-level comment's id).
 *
 * <p>The post id is the comment's {@code media.id} when requested, else the media id in the request
 * path ({@code /{media-id}/comments}), else the one in {@code paging.next}; a page none of which
 * names the post is reported as drift, since a comment without its post is useless. authorId is
 * {@code from.id}, authorName the handle ({@code username}, else {@code from.username}); likes
 * {@code like_count}, null when not requested; replyCount is null (the API has no such count, and a
 * first page of replies is not one). The continuation's nextPageToken is the after cursor when
 * {@code paging.next} exists. Error bodies are classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphCommentsParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_COMMENTS;

  public InstagramGraphCommentsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    String pagePostId = InstagramValues.idBeforeEdge(capture.url(), "comments");
    if (pagePostId == null) {
      pagePostId = InstagramValues.idBeforeEdge(text(doc.path("paging").path("next")), "comments");
    }
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode c : doc.path("data")) {
      String postId = text(c.path("media").path("id"));
      postId = Objects.requireNonNull(postId != null ? postId : pagePostId, "post id");
      CommentRecord comment = comment(c, postId, null, context, source);
      records.add(comment);
      ids.add(comment.platformId());
      for (JsonNode reply : c.path("replies").path("data")) {
        records.add(comment(reply, postId, comment.platformId(), context, source));
      }
    }
    return new ParseResult.Parsed(
        records,
        new Continuation(
            InstagramGraphMediaListParser.nextCursor(doc.path("paging")), ids, Map.of()));
  }

  private static CommentRecord comment(
      JsonNode c,
      String postId,
      @Nullable String parentId,
      ParseContext context,
      RecordSource source) {
    String username = text(c.path("username"));
    String parent = parentId != null ? parentId : text(c.path("parent_id"));
    return new CommentRecord(
        Platform.INSTAGRAM,
        c.path("id").asString(),
        postId,
        text(c.path("from").path("id")),
        username != null ? username : text(c.path("from").path("username")),
        text(c.path("text")),
        InstagramValues.graphTime(c.path("timestamp")),
        count(c.path("like_count")),
        null,
        parent,
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }
}
