package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.PrunedJson;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Classifies a watch page (or an InnerTube {@code /player} JSON) from its player's {@code
 * playabilityStatus}, which is read alone (a few hundred bytes) before the page is extracted: a
 * page that is not playable usually has no {@code videoDetails}, and must be classified, never
 * reported as drift.
 *
 * <ul>
 *   <li>Any status whose reason says "confirm you're not a bot" ({@code LOGIN_REQUIRED}, usually
 *       without {@code videoDetails}): {@link Outcome#BLOCKED}, the bot check; recognized by {@link
 *       YoutubeWebWalls#refusal} as well, so that a player response no route asked for is
 *       classified the same way. The exit is flagged; a login would not help the crawl route.
 *   <li>{@code OK}, {@code LIVE_STREAM_OFFLINE} (an upcoming premiere) and unknown statuses:
 *       content, left to the schema.
 *   <li>{@code LOGIN_REQUIRED} for a private video ("Private video", "비공개 동영상"): {@link
 *       Outcome#PRIVATE}.
 *   <li>Any other {@code LOGIN_REQUIRED} (the age gate "Sign in to confirm your age", "This video
 *       may be inappropriate for some users", which keeps {@code videoDetails}): {@link
 *       Outcome#LOGIN_WALL}, not a bot check.
 *   <li>{@code ERROR} and {@code UNPLAYABLE} ("Video unavailable", removed, a region block):
 *       content when the page's {@code ytInitialData} still shows the video (its {@code
 *       videoPrimaryInfoRenderer}), which {@link YoutubeWebWatchParser} reads; else {@link
 *       Outcome#NOT_FOUND}: the page shows nothing of it. Blocked only when it says the client was.
 *   <li>{@code CONTENT_CHECK_REQUIRED} (a sensitive-content interstitial): {@link Outcome#BLOCKED}
 *       with the reason.
 * </ul>
 *
 * <p>Reasons are matched in English and Korean: the fetcher asks for {@code hl=en}.
 */
final class YoutubeWatchPlayability {
  private static final PrunedJson WHOLE =
      PrunedJson.forSchema(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  private static final String KEY = "\"playabilityStatus\"";
  private static final PrunedJson RESULTS =
      PrunedJson.forPaths("contents/twoColumnWatchNextResults/results/results/contents/[]/{}");

  private YoutubeWatchPlayability() {}

  static boolean isUnplayable(String status) {
    return status.equals("UNPLAYABLE") || status.equals("ERROR");
  }

  static Optional<Classified> classify(YoutubeWebPage page) {
    JsonNode playability = playability(page);
    if (playability == null) {
      return Optional.empty();
    }
    String status = playability.path("status").asString("");
    if (isUnplayable(status) && showsVideo(page)) {
      return Optional.empty();
    }
    return classify(playability);
  }

  /** The bot check ("Sign in to confirm you're not a bot"), whatever the status; else empty. */
  static Optional<Classified> botCheck(YoutubeWebPage page) {
    JsonNode playability = playability(page);
    return playability == null ? Optional.empty() : botCheck(playability);
  }

  static Optional<Classified> classify(JsonNode playability) {
    Optional<Classified> bot = botCheck(playability);
    if (bot.isPresent()) {
      return bot;
    }
    String status = playability.path("status").asString("");
    String reason = reason(playability);
    String folded = reason.toLowerCase(Locale.ROOT);
    String detail = detail(status, reason);
    return switch (status) {
      case "LOGIN_REQUIRED" -> {
        if (folded.contains("private") || folded.contains("비공개")) {
          yield Optional.of(new Classified(Outcome.PRIVATE, detail));
        }
        yield Optional.of(new Classified(Outcome.LOGIN_WALL, detail));
      }
      case "ERROR", "UNPLAYABLE" ->
          Optional.of(
              new Classified(Outcome.NOT_FOUND, detail + " (the page shows nothing of it)"));
      case "CONTENT_CHECK_REQUIRED" -> Optional.of(new Classified(Outcome.BLOCKED, detail));
      default -> Optional.empty();
    };
  }

  private static Optional<Classified> botCheck(JsonNode playability) {
    String reason = reason(playability);
    String folded = reason.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (folded.contains("not a bot") || folded.contains("봇이 아님")) {
      String status = playability.path("status").asString("");
      return Optional.of(new Classified(Outcome.BLOCKED, "bot check: " + detail(status, reason)));
    }
    return Optional.empty();
  }

  /** The player's {@code playabilityStatus} object, or null when the document has no player. */
  private static @Nullable JsonNode playability(YoutubeWebPage page) {
    int player = page.isJson() ? page.start() : page.assignedObject("ytInitialPlayerResponse");
    if (player < 0) {
      return null;
    }
    int key = page.text().indexOf(KEY, player);
    int colon = key < 0 ? -1 : page.text().indexOf(':', key + KEY.length());
    JsonNode status = colon < 0 ? null : WHOLE.read(page.body(), colon + 1);
    return status != null && status.isObject() ? status : null;
  }

  /**
   * Whether the page's {@code ytInitialData} still shows the video: its results list holds
   * something (the primary and secondary info, title, views and channel, which the schema then
   * requires). A page that shows nothing has an empty list; a page without the list has changed,
   * and is left to the schema. Read alone, keys only, and only for a player that refuses the video.
   */
  private static boolean showsVideo(YoutubeWebPage page) {
    if (page.isJson()) {
      return false;
    }
    JsonNode data = RESULTS.read(page.body(), page.assignedObject("ytInitialData"));
    if (data == null) {
      return false;
    }
    JsonNode results =
        data.path("contents")
            .path("twoColumnWatchNextResults")
            .path("results")
            .path("results")
            .path("contents");
    if (!results.isArray()) {
      // Not the empty list of a page that shows nothing: a changed page, for the schema to name.
      return true;
    }
    for (JsonNode item : results) {
      if (!item.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static String detail(String status, String reason) {
    return "watch page playabilityStatus " + status + ": " + reason;
  }

  private static String reason(JsonNode playability) {
    StringBuilder b = new StringBuilder(playability.path("reason").asString(""));
    for (JsonNode m : playability.path("messages")) {
      append(b, m.asString(""));
    }
    JsonNode screen = playability.path("errorScreen").path("playerErrorMessageRenderer");
    for (String field : new String[] {"reason", "subreason"}) {
      String text = YoutubeWebText.text(screen.path(field));
      if (text != null && !b.toString().contains(text)) {
        append(b, text);
      }
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String text) {
    if (!text.isEmpty()) {
      b.append(b.isEmpty() ? "" : " / ").append(text);
    }
  }
}
