package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a page of {@code GET /{ig-user-id}/media?fields=…} into one {@link PostRecord} per media
 * object (mapping in {@link InstagramGraphMedia}).
 *
 * <p>The owner id is each item's {@code owner.id} when requested, otherwise the user id in the
 * request path. What the request asked for is read from its URL, else from the page's paging links,
 * which repeat it; a {@code like_count} absent although asked for is a hidden like count. The
 * continuation's {@code nextPageToken} is {@code paging.cursors.after} only when {@code
 * paging.next} exists: the API keeps sending an {@code after} cursor on the last page, and only the
 * missing {@code next} says there is nothing more. The {@code next} URL itself is never kept: it
 * carries the caller's access token. An empty {@code data} (an account without posts) is a success
 * with no records. Error bodies are classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphMediaListParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST;

  public InstagramGraphMediaListParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    String owner = InstagramValues.idBeforeEdge(capture.url(), "media");
    InstagramGraphFields fields =
        InstagramGraphFields.fromRequestOrPaging(
            "fields", InstagramGraphMedia.DEFAULT_FIELDS, capture.url(), doc.path("paging"));
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    JsonNode data = doc.path("data");
    for (int i = 0; i < data.size(); i++) {
      PostRecord post =
          InstagramGraphMedia.post(data.get(i), "/data/" + i, fields, true, owner, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    return new ParseResult.Parsed(
        records, new Continuation(nextCursor(doc.path("paging")), ids, Map.of()));
  }

  /** The after cursor when the page says there is a next one. */
  static @Nullable String nextCursor(JsonNode paging) {
    return paging.has("next") ? text(paging.path("cursors").path("after")) : null;
  }
}
