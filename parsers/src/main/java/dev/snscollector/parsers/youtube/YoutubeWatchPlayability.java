package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.PrunedJson;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Classifies a watch page from {@code ytInitialPlayerResponse.playabilityStatus}, which is read
 * alone (a few hundred bytes) before the page is extracted: a page that is not playable usually has
 * no {@code videoDetails}, and must be classified, never reported as drift.
 *
 * <ul>
 *   <li>{@code OK}, {@code LIVE_STREAM_OFFLINE} (an upcoming premiere) and unknown statuses:
 *       content, left to the schema.
 *   <li>{@code LOGIN_REQUIRED} "Sign in to confirm you're not a bot": {@link Outcome#BLOCKED}, the
 *       bot wall (the exit is flagged, a login would not help the crawl route).
 *   <li>{@code LOGIN_REQUIRED} for a private video ("Private video", "비공개 동영상"): {@link
 *       Outcome#PRIVATE}.
 *   <li>Any other {@code LOGIN_REQUIRED} (the age gate "Sign in to confirm your age"): {@link
 *       Outcome#LOGIN_WALL}.
 *   <li>{@code ERROR} ("Video unavailable", removed, deleted account): {@link Outcome#NOT_FOUND}.
 *   <li>{@code UNPLAYABLE} and {@code CONTENT_CHECK_REQUIRED} (region blocks, members-only,
 *       sensitive-content interstitials): {@link Outcome#BLOCKED} with the reason.
 * </ul>
 *
 * <p>Reasons are matched in English and Korean: the fetcher asks for {@code hl=en}.
 */
final class YoutubeWatchPlayability {
  private static final PrunedJson WHOLE =
      PrunedJson.forSchema(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  private static final String KEY = "\"playabilityStatus\"";

  private YoutubeWatchPlayability() {}

  static Optional<Classified> classify(YoutubeWebPage page) {
    int player = page.isJson() ? page.start() : page.assignedObject("ytInitialPlayerResponse");
    if (player < 0) {
      return Optional.empty();
    }
    int key = page.text().indexOf(KEY, player);
    int colon = key < 0 ? -1 : page.text().indexOf(':', key + KEY.length());
    JsonNode status = colon < 0 ? null : WHOLE.read(page.body(), colon + 1);
    if (status == null || !status.isObject()) {
      return Optional.empty();
    }
    return classify(status);
  }

  static Optional<Classified> classify(JsonNode playability) {
    String status = playability.path("status").asString("");
    String reason = reason(playability);
    String folded = reason.toLowerCase(Locale.ROOT);
    String detail = "watch page playabilityStatus " + status + ": " + reason;
    return switch (status) {
      case "LOGIN_REQUIRED" -> {
        if (folded.contains("not a bot") || folded.contains("봇이 아님")) {
          yield Optional.of(new Classified(Outcome.BLOCKED, "bot wall: " + detail));
        }
        if (folded.contains("private") || folded.contains("비공개")) {
          yield Optional.of(new Classified(Outcome.PRIVATE, detail));
        }
        yield Optional.of(new Classified(Outcome.LOGIN_WALL, detail));
      }
      case "ERROR" -> Optional.of(new Classified(Outcome.NOT_FOUND, detail));
      case "UNPLAYABLE", "CONTENT_CHECK_REQUIRED" ->
          Optional.of(new Classified(Outcome.BLOCKED, detail));
      default -> Optional.empty();
    };
  }

  private static String reason(JsonNode playability) {
    StringBuilder b = new StringBuilder(playability.path("reason").asString(""));
    for (JsonNode m : playability.path("messages")) {
      b.append(b.isEmpty() ? "" : " / ").append(m.asString(""));
    }
    return b.toString();
  }
}
