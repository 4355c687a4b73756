package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import java.util.List;
import java.util.Optional;

/**
 * The parsers of one platform surface, registered in {@link ParserRegistry#defaults()} with one
 * line. Adding a platform means adding a package with its parsers, schemas and one of these.
 */
public interface PlatformParsers {
  List<PageParser> parsers();

  /**
   * The page type id that the document itself declares (a {@code kind}, a marker element), or empty
   * when the document does not say or is not one of this platform's. Never throws.
   */
  Optional<String> recognize(Capture capture);

  /**
   * A refusal of this platform that names no page type of its own: a captcha or "unusual traffic"
   * interstitial, a bot check, a consent or login wall, a verify page. Recognized from the
   * document's own markers (and its URL and status), never by elimination; the page parsers
   * classify the same documents the same way when a route fetched them as a page type. Empty for
   * anything else. Never throws.
   */
  default Optional<ParseResult.Classified> refusal(Capture capture) {
    return Optional.empty();
  }
}
