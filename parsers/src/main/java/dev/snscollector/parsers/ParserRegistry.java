package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.youtube.YoutubeApiParsers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * All parsers by page type id. Immutable and thread-safe; parsers are stateless, so one registry
 * serves every worker thread.
 *
 * <p>Failure modes: the constructor throws {@link IllegalArgumentException} when two parsers claim
 * the same page type id, and {@link IllegalStateException} (from {@link StructureSchema#load}) when
 * a parser's schema is missing.
 */
public final class ParserRegistry {
  private final Map<String, PageParser> byId = new LinkedHashMap<>();
  private final List<PlatformParsers> platforms;

  public ParserRegistry(List<? extends PlatformParsers> platforms) {
    this.platforms = List.copyOf(platforms);
    for (PlatformParsers platform : this.platforms) {
      for (PageParser parser : platform.parsers()) {
        PageParser previous = byId.putIfAbsent(parser.pageType().id(), parser);
        if (previous != null) {
          throw new IllegalArgumentException("two parsers for " + parser.pageType().id());
        }
      }
    }
  }

  /** Every parser the collector ships, one shared instance. */
  public static ParserRegistry defaults() {
    return Defaults.INSTANCE;
  }

  private static final class Defaults {
    // One line per platform surface.
    static final ParserRegistry INSTANCE =
        new ParserRegistry(
            List.of(
                new YoutubeApiParsers(),
                new dev.snscollector.parsers.youtube.YoutubeWebParsers(),
                new dev.snscollector.parsers.instagram.InstagramParsers(),
                new dev.snscollector.parsers.tiktok.TiktokParsers(),
                new dev.snscollector.parsers.naver.NaverBlogParsers()));
  }

  public Optional<PageParser> byId(String pageTypeId) {
    return Optional.ofNullable(byId.get(pageTypeId));
  }

  /**
   * The structure schema version of a page type's parser, recorded with its captures; null for a
   * page type without one here.
   */
  public @Nullable Integer schemaVersion(@Nullable String pageTypeId) {
    PageParser parser = pageTypeId == null ? null : byId.get(pageTypeId);
    return parser == null ? null : parser.pageType().schemaVersion();
  }

  public Collection<PageParser> all() {
    return List.copyOf(byId.values());
  }

  public List<PageType> pageTypes() {
    List<PageType> out = new ArrayList<>();
    byId.values().forEach(p -> out.add(p.pageType()));
    return out;
  }

  /**
   * A refusal page that names no page type (a captcha interstitial, a bot check, a login wall), as
   * the first platform that recognizes it classifies it; empty for anything else. For documents
   * {@link #recognize} finds no page type for.
   */
  public Optional<ParseResult.Classified> refusal(Capture capture) {
    for (PlatformParsers platform : platforms) {
      Optional<ParseResult.Classified> refusal = platform.refusal(capture);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }

  /**
   * The parser for a capture: the page type the document declares itself wins; a document that does
   * not say (an error body, an unknown shape) falls back to {@link Capture#pageType()} when it is
   * registered. Empty when neither knows.
   */
  public Optional<PageParser> recognize(Capture capture) {
    for (PlatformParsers platform : platforms) {
      Optional<PageParser> parser = platform.recognize(capture).flatMap(this::byId);
      if (parser.isPresent()) {
        return parser;
      }
    }
    String declared = capture.pageType();
    return declared == null ? Optional.empty() : byId(declared);
  }
}
