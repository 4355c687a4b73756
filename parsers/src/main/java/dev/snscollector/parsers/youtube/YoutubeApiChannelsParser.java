package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
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
 * <p>Mapping: handle is {@code snippet.customUrl} without its {@code @} ({@code not_set} when the
 * channel never set one: the snippet is closed, so only a removal reads so); followers is {@code
 * statistics.subscriberCount}, {@code hidden_by_creator} when {@code hiddenSubscriberCount} is
 * true, and named in {@code approximate} from 1,000 up because the API rounds it to three
 * significant figures; postCount and totalViews are {@code videoCount} and {@code viewCount};
 * counts arrive as strings. A response without {@code statistics} leaves followers, postCount and
 * totalViews {@code not_requested}, only when no item has the part and the request did not ask for
 * it (a request that did is drift at the item's {@code statistics}). Following and total likes are
 * not YouTube numbers (null). The continuation carries {@code channelId} and {@code
 * uploadsPlaylistId} of the first channel and the ids of all channels.
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
    @Nullable Set<String> parts = YoutubeApiValues.requestedParts(capture.url());
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.path("statistics").isObject() && parts != null && parts.contains("statistics")) {
        return YoutubeDrift.missing(
            schema(),
            capture.url(),
            "/items/" + i + "/statistics",
            "object (the request asked for part=statistics)");
      }
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
    Unavailability u = new Unavailability();
    @Nullable Unavailable notRequested = stats.isObject() ? null : Unavailable.NOT_REQUESTED;
    boolean hidden = stats.path("hiddenSubscriberCount").asBoolean(false);
    Long followers =
        u.value(
            "followers",
            hidden ? null : count(stats.path("subscriberCount")),
            hidden ? Unavailable.HIDDEN_BY_CREATOR : notRequested);
    List<String> approximate =
        followers != null && followers >= ROUNDED_FROM ? List.of("followers") : List.of();
    return new ProfileRecord(
        Platform.YOUTUBE,
        item.path("id").asString(),
        u.value("handle", handle(text(snippet.path("customUrl"))), Unavailable.NOT_SET),
        text(snippet.path("title")),
        text(snippet.path("description")),
        YoutubeApiValues.bestThumbnail(snippet.path("thumbnails")).map(Media::url).orElse(null),
        followers,
        null,
        u.value("postCount", count(stats.path("videoCount")), notRequested),
        null,
        u.value("totalViews", count(stats.path("viewCount")), notRequested),
        null,
        List.of(),
        YoutubeApiValues.instant(snippet.path("publishedAt")),
        approximate,
        u.reasons(),
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
