package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code channels.list} response (parts {@code snippet}, optionally {@code statistics},
 * {@code contentDetails}, {@code brandingSettings}) into one {@link ProfileRecord} per channel.
 *
 * <p>Mapping: handle is {@code snippet.customUrl} without its {@code @}; followers is {@code
 * statistics.subscriberCount}, null when hidden or absent, and named in {@code approximate} from
 * 1,000 up because the API rounds it to three significant figures; counts arrive as strings;
 * following and verified are null (not in the API). The continuation carries {@code channelId} and
 * {@code uploadsPlaylistId} of the first channel and the ids of all channels.
 *
 * <p>A response without items (the API's answer for an unknown id or handle, with status 200) is
 * {@link Outcome#NOT_FOUND}. Error bodies are classified by {@link YoutubeApiErrors}.
 */
public final class YoutubeApiChannelsParser extends YoutubeApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_API_CHANNELS;

  /** Subscriber counts from this value up are rounded by the API to three significant figures. */
  private static final long ROUNDED_FROM = 1_000;

  public YoutubeApiChannelsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode items = doc.path("items");
    if (items.isEmpty()) {
      String target =
          YoutubeApiValues.target(capture.url(), Set.of("id", "forHandle", "forUsername", "mine"));
      return new ParseResult.Classified(Outcome.NOT_FOUND, "no channel matches " + target);
    }
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    for (JsonNode item : items) {
      ProfileRecord profile = profile(item, context, source);
      records.add(profile);
      ids.add(profile.platformId());
      if (values.isEmpty()) {
        values.put("channelId", profile.platformId());
        String uploads = text(item.path("contentDetails").path("relatedPlaylists").path("uploads"));
        if (uploads != null) {
          values.put("uploadsPlaylistId", uploads);
        }
      }
    }
    return new ParseResult.Parsed(records, new Continuation(null, ids, values));
  }

  private static ProfileRecord profile(JsonNode item, ParseContext context, RecordSource source) {
    JsonNode snippet = item.path("snippet");
    JsonNode stats = item.path("statistics");
    Long followers =
        stats.path("hiddenSubscriberCount").asBoolean(false)
            ? null
            : count(stats.path("subscriberCount"));
    List<String> approximate =
        followers != null && followers >= ROUNDED_FROM ? List.of("followers") : List.of();
    return new ProfileRecord(
        Platform.YOUTUBE,
        item.path("id").asString(),
        handle(text(snippet.path("customUrl"))),
        text(snippet.path("title")),
        text(snippet.path("description")),
        YoutubeApiValues.bestThumbnail(snippet.path("thumbnails")).map(Media::url).orElse(null),
        followers,
        null,
        count(stats.path("videoCount")),
        null,
        count(stats.path("viewCount")),
        null,
        List.of(),
        YoutubeApiValues.instant(snippet.path("publishedAt")),
        approximate,
        Map.of(),
        context.observedAt(),
        source);
  }

  private static @Nullable String handle(@Nullable String customUrl) {
    if (customUrl == null || customUrl.isEmpty()) {
      return null;
    }
    return customUrl.startsWith("@") ? customUrl.substring(1) : customUrl;
  }
}
