package dev.snscollector.parsers.tiktok;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Map;

/**
 * The {@code statusCode} TikTok's web pages put beside each data scope ({@code webapp.user-detail},
 * {@code webapp.video-detail}) when the scope carries no data. 0 is success. The codes are not
 * documented by TikTok; these are the ones public extractors (yt-dlp, gallery-dl) act on:
 *
 * <ul>
 *   <li>10202 user does not exist, 10221 user banned: {@link Outcome#NOT_FOUND};
 *   <li>10204 item not found (deleted), 10216 item removed or under review: {@link
 *       Outcome#NOT_FOUND};
 *   <li>10222 private account or private item, login required: {@link Outcome#PRIVATE};
 *   <li>10231 region locked: {@link Outcome#BLOCKED} (another proxy region may see it).
 * </ul>
 *
 * Any other non-zero code without data is {@link Outcome#BLOCKED} with the code in the reason, so
 * that it is visible and retried by another route rather than taken as a fact about the target.
 */
final class TiktokWebStatus {
  private static final Map<Integer, Outcome> CODES =
      Map.of(
          10202, Outcome.NOT_FOUND,
          10221, Outcome.NOT_FOUND,
          10204, Outcome.NOT_FOUND,
          10216, Outcome.NOT_FOUND,
          10222, Outcome.PRIVATE,
          10231, Outcome.BLOCKED);

  private TiktokWebStatus() {}

  static Classified classify(String scope, int statusCode, String statusMsg) {
    Outcome outcome = CODES.getOrDefault(statusCode, Outcome.BLOCKED);
    String msg = statusMsg.isEmpty() ? "" : " (" + statusMsg + ")";
    return new Classified(outcome, "tiktok " + scope + " statusCode " + statusCode + msg);
  }
}
