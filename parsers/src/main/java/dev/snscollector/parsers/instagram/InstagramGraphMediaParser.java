package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads one IG Media object fetched by id ({@code GET /{media-id}?fields=…}) into one {@link
 * PostRecord}, mapped by {@link InstagramGraphMedia}: the worker's way to refresh the metrics of a
 * known post. The owner id is {@code owner.id}: not requested, it is {@code not_requested}. Only
 * the owner can fetch a media by id, and the API then sends the like count even when it is hidden,
 * so here a {@code like_count} the request asked for and did not get is drift.
 *
 * <p>The batch form {@code GET /?ids=<id>,<id>} (an object keyed by media id) is not accepted: its
 * keys are data, which a structure schema cannot name, so it could not be checked for drift; the
 * worker fetches media one by one or through the media list. Error bodies are classified by {@link
 * InstagramGraphErrors}.
 */
public final class InstagramGraphMediaParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_MEDIA;

  public InstagramGraphMediaParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    InstagramGraphFields fields =
        InstagramGraphFields.fromUrls(
            "fields", InstagramGraphMedia.DEFAULT_FIELDS, List.of(capture.url()));
    PostRecord post = InstagramGraphMedia.post(doc, "", fields, false, null, context, source);
    return new ParseResult.Parsed(
        List.of(post), new Continuation(null, List.of(post.platformId()), Map.of()));
  }

  /** Whether a document looks like one media object. */
  static boolean looksLikeMedia(JsonNode doc) {
    return doc.path("id").isString()
        && doc.path("media_type").isString()
        && !doc.has("business_discovery");
  }
}
