package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.MissingContextException;
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
 * which is read as 0 only when {@code likeCountLiked} is {@code "1"} (else null, which is drift). A
 * top-level comment with an empty {@code replyCount} has 0 replies; a reply has none ({@code
 * not_applicable}). A reply's parent is the part of its id before the dot. The author is {@code
 * author.channelId}. publishedAt is {@code not_in_page_type}: the page shows only relative times
 * ("2 days ago").
 *
 * <p>The response does not name its video, so the post id is the {@code v} (or {@code videoId})
 * parameter of the capture URL, which the fetcher records; a capture without it throws {@link
 * MissingContextException}: the caller must supply it. The continuation token is the last {@code
 * continuationItemRenderer}'s.
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
      throw new MissingContextException(
          PAGE_TYPE_ID,
          "the video id (v=) in the capture URL",
          "https://www.youtube.com/youtubei/v1/next?v=<videoId>");
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
        if (!ref.isObject()) {
          continue;
        }
        JsonNode comment = entities.get(ref.path("commentKey").asString(""));
        if (comment == null) {
          return YoutubeDrift.missing(
              schema(),
              page.capture().url(),
              "/frameworkUpdates/entityBatchUpdate/mutations",
              "a commentEntityPayload for every comment the items reference");
        }
        CommentRecord record = comment(comment, videoId, context, source);
        records.add(record);
        ids.add(record.platformId());
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
    Unavailability u = new Unavailability();
    Long likes = likes(toolbar, approximate);
    String replies = toolbar.path("replyCount").asString("").strip();
    Long replyCount = null;
    if (!reply) {
      Optional<Counts.Count> n =
          replies.isEmpty() ? Optional.empty() : YoutubeWebText.parseCount(replies);
      n.filter(Counts.Count::approximate).ifPresent(x -> approximate.add("replyCount"));
      replyCount = replies.isEmpty() ? Long.valueOf(0) : n.map(Counts.Count::value).orElse(null);
    } else {
      u.mark("replyCount", Unavailable.NOT_APPLICABLE);
    }
    u.mark("publishedAt", Unavailable.NOT_IN_PAGE_TYPE);
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
        u.reasons(),
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
        // The caller's id, as given: a video id has 11 characters, a test capture may say more.
        return v.matches("[A-Za-z0-9_-]+") ? v : null;
      }
    }
    return null;
  }
}
