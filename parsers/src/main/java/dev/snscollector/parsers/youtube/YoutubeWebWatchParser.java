package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
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
 * Reads a watch page ({@code ytInitialPlayerResponse} + {@code ytInitialData}), or a bare InnerTube
 * {@code /player} JSON, into one {@link PostRecord}.
 *
 * <p>Mapping: views are exact from {@code videoDetails.viewCount}; likes are read from the like
 * button of {@code ytInitialData} (its accessibility text "along with 1,234 other people" exact,
 * its title "1.2K" approximate; a button without a number is a count the creator hid: {@code
 * hidden_by_creator}); a bare player response has no likes ({@code not_in_page_type}) and a page
 * fetched as HTML without {@code ytInitialData} is drift. publishedAt is {@code publishDate} (a
 * date without a time is midnight UTC and named in {@code approximate}), {@code not_in_page_type}
 * in a player response of an app client, which has no microformat; duration is {@code
 * lengthSeconds}, null for live streams ("0"). Comments are {@code not_in_page_type} (the count
 * loads with the comments); shares and saves are not YouTube numbers.
 *
 * <p>A page that is not playable is classified from {@code playabilityStatus} before anything is
 * extracted ({@link YoutubeWatchPlayability}), except an {@code UNPLAYABLE} or {@code ERROR} page
 * ("Video unavailable", a region block) whose {@code ytInitialData} still shows the video: its
 * record has the id ({@code currentVideoEndpoint}), title and views ({@code
 * videoPrimaryInfoRenderer}, with its like button) and channel ({@code videoSecondaryInfoRenderer})
 * the page shows, and publishedAt, which only the withheld player carries, {@code restricted}.
 * Walls are classified by {@link YoutubeWebWalls}.
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
    if (!page.isJson() && !data.has("initialData")) {
      return YoutubeDrift.missing(
          schema(),
          page.capture().url(),
          "/initialData",
          "object (a watch page fetched as HTML assigns ytInitialData)");
    }
    JsonNode player = data.get("playerResponse");
    String status = player.path("playabilityStatus").path("status").asString("");
    if (YoutubeWatchPlayability.isUnplayable(status)) {
      return unplayable(data.get("initialData"), status, context, source);
    }
    JsonNode details = player.get("videoDetails");
    JsonNode micro = player.path("microformat").path("playerMicroformatRenderer");
    String id = details.get("videoId").asString();
    String title = details.get("title").asString();
    String description = text(details.path("shortDescription"));
    Unavailability u = new Unavailability();
    List<String> approximate = new ArrayList<>();
    @Nullable Long likes;
    if (data.has("initialData")) {
      Optional<Counts.Count> shown = likeButton(data.get("initialData"));
      shown.filter(Counts.Count::approximate).ifPresent(c -> approximate.add("likes"));
      likes = u.value("likes", shown.map(Counts.Count::value).orElse(null), hiddenLikes(data));
    } else {
      likes = u.value("likes", null, Unavailable.NOT_IN_PAGE_TYPE);
    }
    String date = text(micro.path("publishDate"));
    if (date != null && !date.contains("T")) {
      approximate.add("publishedAt");
    }
    u.mark("comments", Unavailable.NOT_IN_PAGE_TYPE);
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
            u.value(
                "publishedAt",
                instant(date),
                player.has("microformat") ? null : Unavailable.NOT_IN_PAGE_TYPE),
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
            u.reasons(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(List.of(post), new Continuation(null, List.of(id), Map.of()));
  }

  /**
   * The record of a video whose player refuses it but whose page still shows it: what the page
   * shows, the publication time the player withholds {@code restricted}.
   */
  private static ParseResult unplayable(
      JsonNode initialData, String status, ParseContext context, RecordSource source) {
    String id =
        initialData.get("currentVideoEndpoint").get("watchEndpoint").get("videoId").asString();
    @Nullable JsonNode primary = null;
    @Nullable JsonNode secondary = null;
    for (JsonNode c : results(initialData)) {
      primary =
          primary == null && c.has("videoPrimaryInfoRenderer")
              ? c.get("videoPrimaryInfoRenderer")
              : primary;
      secondary =
          secondary == null && c.has("videoSecondaryInfoRenderer")
              ? c.get("videoSecondaryInfoRenderer")
              : secondary;
    }
    if (primary == null || secondary == null) {
      throw new IllegalStateException(status + " page without primary and secondary info");
    }
    String title = YoutubeWebText.text(primary.get("title"));
    String viewsText =
        YoutubeWebText.text(
            primary.get("viewCount").get("videoViewCountRenderer").get("viewCount"));
    Optional<Counts.Count> views =
        viewsText != null && YoutubeWebText.isViews(viewsText)
            ? YoutubeWebText.count(viewsText)
            : Optional.empty();
    String owner =
        secondary
            .get("owner")
            .get("videoOwnerRenderer")
            .get("navigationEndpoint")
            .get("browseEndpoint")
            .get("browseId")
            .asString();
    Unavailability u = new Unavailability();
    u.mark("publishedAt", Unavailable.RESTRICTED);
    u.mark("comments", Unavailable.NOT_IN_PAGE_TYPE);
    List<String> approximate = new ArrayList<>();
    views.filter(Counts.Count::approximate).ifPresent(c -> approximate.add("views"));
    Optional<Counts.Count> shown = likeButton(initialData);
    shown.filter(Counts.Count::approximate).ifPresent(c -> approximate.add("likes"));
    Long likes =
        u.value(
            "likes",
            shown.map(Counts.Count::value).orElse(null),
            likeButtonShown(initialData) ? Unavailable.HIDDEN_BY_CREATOR : Unavailable.RESTRICTED);
    String t = Objects.requireNonNullElse(title, "");
    PostRecord post =
        new PostRecord(
            Platform.YOUTUBE,
            id,
            owner,
            YoutubeApiValues.watchUrl(id),
            "video",
            title,
            null,
            null,
            null,
            null,
            views.map(Counts.Count::value).orElse(null),
            likes,
            null,
            null,
            null,
            List.of(),
            YoutubeApiValues.hashtags(t),
            YoutubeApiValues.mentions(t),
            approximate,
            u.reasons(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(List.of(post), new Continuation(null, List.of(id), Map.of()));
  }

  private static JsonNode results(JsonNode initialData) {
    return initialData
        .path("contents")
        .path("twoColumnWatchNextResults")
        .path("results")
        .path("results")
        .path("contents");
  }

  /** A like button without a number: the creator hid the count. */
  private static @Nullable Unavailable hiddenLikes(JsonNode data) {
    return likeButtonShown(data.get("initialData")) ? Unavailable.HIDDEN_BY_CREATOR : null;
  }

  private static boolean likeButtonShown(JsonNode initialData) {
    for (JsonNode like : likeButtons(initialData)) {
      if (like.path("title").isString()) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> likeButtons(JsonNode initialData) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : results(initialData)) {
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
        if (like.isObject()) {
          out.add(like);
        }
      }
    }
    return out;
  }

  private static Optional<Counts.Count> likeButton(JsonNode initialData) {
    for (JsonNode like : likeButtons(initialData)) {
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
