package dev.snscollector.parsers.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
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
 * Reads a Display API v2 {@code POST /v2/video/query/} response (body {@code {"filters":
 * {"video_ids": [...]}}}, answer {@code data.videos}) into one {@link PostRecord} per video, mapped
 * by {@link TiktokApiVideos}, in the order the API returns them.
 *
 * <p>Ids the creator deleted, made private, or that belong to someone else are simply missing from
 * {@code videos}; when none is left the answer is {@link Outcome#NOT_FOUND}. Errors are classified
 * by {@link TiktokApiErrors}.
 */
public final class TiktokApiVideoQueryParser extends TiktokApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_API_VIDEO_QUERY;

  public TiktokApiVideoQueryParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode videos = doc.path("data").path("videos");
    if (videos.isEmpty()) {
      return new ParseResult.Classified(
          Outcome.NOT_FOUND, "tiktok video query: none of the requested videos is available");
    }
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    TiktokApiFields fields = TiktokApiFields.of(capture.url());
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
    return new ParseResult.Parsed(records, new Continuation(null, ids, Map.of()));
  }
}
