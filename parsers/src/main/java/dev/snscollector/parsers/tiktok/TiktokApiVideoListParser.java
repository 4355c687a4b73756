package dev.snscollector.parsers.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
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
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Display API v2 {@code POST /v2/video/list/} page ({@code data.videos}, {@code
 * data.cursor}, {@code data.has_more}) into one {@link PostRecord} per video, mapped by {@link
 * TiktokApiVideos}.
 *
 * <p>The continuation's {@code nextPageToken} is the {@code cursor} (a number, written as its
 * decimal string) when {@code has_more} is true, otherwise null; the next request sends it back as
 * the body's {@code cursor}. An empty page (a creator without public videos) is a success with no
 * records. Errors are classified by {@link TiktokApiErrors}.
 */
public final class TiktokApiVideoListParser extends TiktokApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_API_VIDEO_LIST;

  public TiktokApiVideoListParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode data = doc.path("data");
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    TiktokApiFields fields = TiktokApiFields.of(capture.url());
    JsonNode videos = data.path("videos");
    for (int i = 0; i < videos.size(); i++) {
      PostRecord post =
          TiktokApiVideos.post(videos.get(i), "/data/videos/" + i, fields, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    Optional<DriftReport> drift = fields.drift(schema(), capture.url());
    if (drift.isPresent()) {
      return new ParseResult.Drifted(drift.get());
    }
    JsonNode cursor = data.path("cursor");
    String next =
        data.path("has_more").asBoolean(false) && (cursor.isNumber() || cursor.isString())
            ? cursor.asString()
            : null;
    return new ParseResult.Parsed(records, new Continuation(next, ids, Map.of()));
  }
}
