package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of {@code GET /{media-id}/comments?fields=id,text,timestamp,username,like_count,
 * from,replies{…}} into {@link CommentRecord}s: each top-level comment, then its replies when the
 * {@code replies} field was requested (parentId the top-level comment's id).
 *
 * <p>The post id is the comment's {@code media.id} when requested, else the media id in the request
 * path ({@code /{media-id}/comments}), else the one in {@code paging.next}; a page none of which
 * names the post is drift at those paths, since a comment without its post is useless. authorId is
 * {@code from.id}, authorName the handle ({@code username}, else {@code from.username});
 * publishedAt {@code timestamp}; likes {@code like_count}. A value whose field the request did not
 * ask for is {@code not_requested} (a request without {@code fields} gets {@code id}, {@code text}
 * and {@code timestamp}); one it asked for and did not get is drift ({@link InstagramGraphFields}).
 * replyCount is {@code not_in_page_type}: the API has no such count, and a first page of replies is
 * not one. The continuation's nextPageToken is the after cursor when {@code paging.next} exists.
 * Error bodies are classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphCommentsParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_COMMENTS;

  /** IG Comment's default fields: a request without {@code fields} gets these. */
  static final Set<String> DEFAULT_FIELDS = Set.of("id", "text", "timestamp");

  public InstagramGraphCommentsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode paging = doc.path("paging");
    String pagePostId = InstagramValues.idBeforeEdge(capture.url(), "comments");
    if (pagePostId == null) {
      pagePostId = InstagramValues.idBeforeEdge(text(paging.path("next")), "comments");
    }
    InstagramGraphFields fields =
        InstagramGraphFields.fromRequestOrPaging("fields", DEFAULT_FIELDS, capture.url(), paging);
    InstagramGraphFields replyFields = fields.inside("replies", DEFAULT_FIELDS);
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    JsonNode data = doc.path("data");
    for (int i = 0; i < data.size(); i++) {
      JsonNode c = data.get(i);
      String at = "/data/" + i;
      String postId = text(c.path("media").path("id"));
      if (postId == null) {
        postId = pagePostId;
      }
      if (postId == null) {
        throw new InstagramGraphFields.Missing(
            List.of(at + "/media/id", "/paging/next"),
            "the post id: media.id, the request path /{media-id}/comments or paging.next");
      }
      CommentRecord comment = comment(c, at, fields, postId, null, context, source);
      records.add(comment);
      ids.add(comment.platformId());
      JsonNode replies = c.path("replies").path("data");
      for (int j = 0; j < replies.size(); j++) {
        records.add(
            comment(
                replies.get(j),
                at + "/replies/data/" + j,
                replyFields,
                postId,
                comment.platformId(),
                context,
                source));
      }
    }
    return new ParseResult.Parsed(
        records, new Continuation(InstagramGraphMediaListParser.nextCursor(paging), ids, Map.of()));
  }

  private static CommentRecord comment(
      JsonNode c,
      String at,
      InstagramGraphFields fields,
      String postId,
      @Nullable String parentId,
      ParseContext context,
      RecordSource source) {
    Unavailability u = new Unavailability();
    String username = text(c.path("username"));
    String parent = parentId != null ? parentId : text(c.path("parent_id"));
    String author = text(c.path("from").path("id"));
    if (author == null) {
      u.mark("authorId", fields.absent("from", at + "/from"));
    }
    Instant published = InstagramValues.graphTime(c.path("timestamp"));
    if (published == null) {
      u.mark("publishedAt", fields.absent("timestamp", at + "/timestamp"));
    }
    Long likes = count(c.path("like_count"));
    if (likes == null) {
      u.mark("likes", fields.absent("like_count", at + "/like_count"));
    }
    u.mark("replyCount", Unavailable.NOT_IN_PAGE_TYPE);
    return new CommentRecord(
        Platform.INSTAGRAM,
        c.path("id").asString(),
        postId,
        author,
        username != null ? username : text(c.path("from").path("username")),
        text(c.path("text")),
        published,
        likes,
        null,
        parent,
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }
}
