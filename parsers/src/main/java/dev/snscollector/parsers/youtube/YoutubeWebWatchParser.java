package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.PrunedJson;
import dev.snscollector.parsers.text.Counts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a watch page ({@code ytInitialPlayerResponse} + {@code ytInitialData}) into one {@link
 * PostRecord}.
 *
 * <p>Mapping: views are exact from {@code videoDetails.viewCount}; likes are exact from {@code
 * microformat.playerMicroformatRenderer.likeCount} where the page has it, else read from the like
 * button (its accessibility text "along with 1,234 other people" exact, its title "1.2K"
 * approximate), null when hidden; publishedAt is {@code publishDate} (a date without a time is
 * midnight UTC and named in {@code approximate}); duration is {@code lengthSeconds}, null for live
 * streams ("0"). Comments, shares and saves are null.
 *
 * <p>A page that is not playable is classified from {@code playabilityStatus} before anything is
 * extracted ({@link YoutubeWatchPlayability}). Walls are classified by {@link YoutubeWebWalls}.
 */
public final class YoutubeWebWatchParser extends YoutubeWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_WEB_WATCH;

  private final PrunedJson playerReader = reader().property("playerResponse");
  private final PrunedJson dataReader = reader().property("initialData");

  public YoutubeWebWatchParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  Optional<ParseResult.Classified> classifyContent(YoutubeWebPage page) {
    return YoutubeWatchPlayability.classify(page);
  }

  @Override
  @Nullable JsonNode extract(YoutubeWebPage page) {
    int playerAt = page.isJson() ? page.start() : page.assignedObject("ytInitialPlayerResponse");
    JsonNode player = playerReader.read(page.body(), playerAt);
    if (player == null) {
      return null;
    }
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.set("playerResponse", player);
    if (!page.isJson()) {
      JsonNode data = dataReader.read(page.body(), page.assignedObject("ytInitialData"));
      if (data != null) {
        doc.set("initialData", data);
      }
    }
    return doc;
  }

  @Override
  List<EmbeddedJson.Location> locations(YoutubeWebPage page) {
    int playerAt = page.isJson() ? page.start() : page.assignedObject("ytInitialPlayerResponse");
    if (playerAt < 0) {
      return List.of();
    }
    int dataAt = page.isJson() ? -1 : page.assignedObject("ytInitialData");
    return dataAt < 0
        ? List.of(new EmbeddedJson.Location("/playerResponse", playerAt))
        : List.of(
            new EmbeddedJson.Location("/playerResponse", playerAt),
            new EmbeddedJson.Location("/initialData", dataAt));
  }

  @Override
  ParseResult map(JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source) {
    JsonNode player = data.get("playerResponse");
    JsonNode details = player.get("videoDetails");
    JsonNode micro = player.path("microformat").path("playerMicroformatRenderer");
    String id = details.get("videoId").asString();
    String title = details.get("title").asString();
    String description = text(details.path("shortDescription"));
    List<String> approximate = new ArrayList<>();
    Long likes = count(micro.path("likeCount"));
    if (likes == null) {
      Optional<Counts.Count> shown = likeButton(data.path("initialData"));
      shown.filter(Counts.Count::approximate).ifPresent(c -> approximate.add("likes"));
      likes = shown.map(Counts.Count::value).orElse(null);
    }
    String date = text(micro.path("publishDate"));
    if (date != null && !date.contains("T")) {
      approximate.add("publishedAt");
    }
    String caption = Objects.requireNonNullElse(description, "");
    PostRecord post =
        new PostRecord(
            Platform.YOUTUBE,
            id,
            details.get("channelId").asString(),
            YoutubeApiValues.watchUrl(id),
            "video",
            title,
            description,
            null,
            instant(date),
            positive(count(details.path("lengthSeconds"))),
            count(details.path("viewCount")),
            likes,
            null,
            null,
            null,
            YoutubeWebText.bestImage(details.path("thumbnail").path("thumbnails"), "thumbnail")
                .stream()
                .toList(),
            YoutubeApiValues.hashtags(title, caption),
            YoutubeApiValues.mentions(caption),
            approximate,
            Map.of(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(List.of(post), new Continuation(null, List.of(id), Map.of()));
  }

  private static Optional<Counts.Count> likeButton(JsonNode initialData) {
    JsonNode contents =
        initialData.path("contents").path("twoColumnWatchNextResults").path("results");
    for (JsonNode c : contents.path("results").path("contents")) {
      JsonNode buttons =
          c.path("videoPrimaryInfoRenderer").path("videoActions").path("menuRenderer");
      for (JsonNode b : buttons.path("topLevelButtons")) {
        JsonNode like =
            b.path("segmentedLikeDislikeButtonViewModel")
                .path("likeButtonViewModel")
                .path("likeButtonViewModel")
                .path("toggleButtonViewModel")
                .path("toggleButtonViewModel")
                .path("defaultButtonViewModel")
                .path("buttonViewModel");
        Optional<Counts.Count> exact =
            YoutubeWebText.parseCount(like.path("accessibilityText").asString(""))
                .filter(n -> !n.approximate());
        if (exact.isPresent()) {
          return exact;
        }
        Optional<Counts.Count> shown = YoutubeWebText.parseCount(like.path("title").asString(""));
        if (shown.isPresent()) {
          return shown;
        }
      }
    }
    return Optional.empty();
  }

  private static @Nullable Instant instant(@Nullable String date) {
    if (date == null) {
      return null;
    }
    return date.contains("T")
        ? OffsetDateTime.parse(date).toInstant()
        : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static @Nullable Long positive(@Nullable Long seconds) {
    return seconds == null || seconds == 0 ? null : seconds;
  }
}
