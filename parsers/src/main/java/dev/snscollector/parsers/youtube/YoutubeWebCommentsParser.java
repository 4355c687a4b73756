package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.text.Counts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a comment continuation (the InnerTube {@code next} response for a video's comments, 2025–
 * 2026) into one {@link CommentRecord} per comment, in the order the items reference them.
 *
 * <p>Items ({@code commentThreadRenderer.commentViewModel.commentViewModel}, or a bare {@code
 * commentViewModel} on a page of replies) hold only a {@code commentKey}; the comment itself is the
 * {@code commentEntityPayload} with that {@code key} among {@code
 * frameworkUpdates.entityBatchUpdate .mutations}. Likes are the displayed {@code
 * toolbar.likeCountNotliked} ({@code "1.2K"} approximate); YouTube shows nothing for zero likes,
 * which is read as 0 only when {@code likeCountLiked} is {@code "1"}. A top-level comment with an
 * empty {@code replyCount} has 0 replies; replies have no reply count (null). A reply's parent is
 * the part of its id before the dot. publishedAt is null: the page shows only relative times ("2
 * days ago").
 *
 * <p>The response does not name its video, so the post id is the {@code v} (or {@code videoId})
 * parameter of the capture URL, which the fetcher records; a capture without it is {@link
 * Outcome#INTERNAL}. The continuation token is the last {@code continuationItemRenderer}'s.
 */
public final class YoutubeWebCommentsParser extends YoutubeWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_WEB_COMMENTS;

  public YoutubeWebCommentsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult map(JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source) {
    String videoId = videoId(page.capture().url());
    if (videoId == null) {
      return new ParseResult.Classified(
          Outcome.INTERNAL, "comment capture URL names no video (v=): " + page.capture().url());
    }
    Map<String, JsonNode> entities = new HashMap<>();
    JsonNode mutations = data.path("frameworkUpdates").path("entityBatchUpdate").path("mutations");
    for (JsonNode m : mutations) {
      JsonNode comment = m.path("payload").path("commentEntityPayload");
      if (comment.isObject()) {
        entities.put(comment.get("key").asString(), comment);
      }
    }
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String token = null;
    for (JsonNode endpoint : data.get("onResponseReceivedEndpoints")) {
      JsonNode command =
          endpoint.has("appendContinuationItemsAction")
              ? endpoint.get("appendContinuationItemsAction")
              : endpoint.path("reloadContinuationItemsCommand");
      for (JsonNode item : command.path("continuationItems")) {
        token = Optional.ofNullable(token(item)).orElse(token);
        JsonNode ref = item.path("commentThreadRenderer").path("commentViewModel");
        ref = ref.isObject() ? ref.path("commentViewModel") : item.path("commentViewModel");
        JsonNode comment = entities.get(ref.path("commentKey").asString(""));
        if (comment != null) {
          CommentRecord record = comment(comment, videoId, context, source);
          records.add(record);
          ids.add(record.platformId());
        }
      }
    }
    return new ParseResult.Parsed(records, new Continuation(token, ids, Map.of()));
  }

  private static CommentRecord comment(
      JsonNode c, String videoId, ParseContext context, RecordSource source) {
    JsonNode props = c.get("properties");
    String id = props.get("commentId").asString();
    boolean reply = props.path("replyLevel").asInt(0) > 0 || id.contains(".");
    JsonNode toolbar = c.get("toolbar");
    List<String> approximate = new ArrayList<>();
    Long likes = likes(toolbar, approximate);
    String replies = toolbar.path("replyCount").asString("").strip();
    Long replyCount = null;
    if (!reply) {
      Optional<Counts.Count> n =
          replies.isEmpty() ? Optional.empty() : YoutubeWebText.parseCount(replies);
      n.filter(Counts.Count::approximate).ifPresent(x -> approximate.add("replyCount"));
      replyCount = replies.isEmpty() ? Long.valueOf(0) : n.map(Counts.Count::value).orElse(null);
    }
    JsonNode author = c.get("author");
    return new CommentRecord(
        Platform.YOUTUBE,
        id,
        videoId,
        YoutubeApiValues.text(author.path("channelId")),
        YoutubeApiValues.text(author.path("displayName")),
        props.get("content").get("content").asString(),
        null,
        likes,
        replyCount,
        reply && id.contains(".") ? id.substring(0, id.indexOf('.')) : null,
        approximate,
        Map.of(),
        context.observedAt(),
        source);
  }

  private static @Nullable Long likes(JsonNode toolbar, List<String> approximate) {
    String shown = toolbar.path("likeCountNotliked").asString("").strip();
    if (shown.isEmpty()) {
      return "1".equals(toolbar.path("likeCountLiked").asString("").strip())
          ? Long.valueOf(0)
          : null;
    }
    Optional<Counts.Count> n = YoutubeWebText.parseCount(shown);
    n.filter(Counts.Count::approximate).ifPresent(x -> approximate.add("likes"));
    return n.map(Counts.Count::value).orElse(null);
  }

  private static @Nullable String token(JsonNode item) {
    JsonNode r = item.path("continuationItemRenderer");
    JsonNode t = r.path("continuationEndpoint").path("continuationCommand").path("token");
    if (!t.isString()) {
      t = r.path("button").path("buttonRenderer").path("command").path("continuationCommand");
      t = t.path("token");
    }
    return t.isString() ? t.asString() : null;
  }

  /** The {@code v} or {@code videoId} query parameter of the capture URL. */
  static @Nullable String videoId(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("[&#]")) {
      if (pair.startsWith("v=") || pair.startsWith("videoId=")) {
        String v = pair.substring(pair.indexOf('=') + 1);
        return v.matches("[A-Za-z0-9_-]{11}") ? v : null;
      }
    }
    return null;
  }
}
