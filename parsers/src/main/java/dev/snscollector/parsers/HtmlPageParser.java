package dev.snscollector.parsers;

import dev.snscollector.contracts.RecordSource;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Base of parsers for HTML pages. The order is fixed, as in {@link JsonPageParser}:
 *
 * <ol>
 *   <li>classify walls and error pages from the raw page ({@link #classify}): consent, captcha,
 *       "unusual traffic", login walls, not found, private. Never drift;
 *   <li>extract the structure the parser relies on ({@link #extract}): the embedded JSON ({@code
 *       ytInitialData}, {@code __UNIVERSAL_DATA_FOR_REHYDRATION__}) or, for pages read through the
 *       DOM, an intermediate JSON tree the parser builds from it. Nothing found is drift at path
 *       {@code ""};
 *   <li>check that structure against the page type's {@link StructureSchema};
 *   <li>map it to records ({@link #map}).
 * </ol>
 *
 * <p>{@link Page} parses the DOM only when asked: a parser that finds its JSON by scanning the text
 * (a 1 MB YouTube page) never pays for a jsoup parse.
 */
public abstract class HtmlPageParser implements PageParser {
  private final PageType pageType;
  private final StructureSchema schema;

  protected HtmlPageParser(PageType pageType) {
    this.pageType = pageType;
    this.schema = StructureSchema.load(pageType);
  }

  @Override
  public final PageType pageType() {
    return pageType;
  }

  @Override
  public final StructureSchema schema() {
    return schema;
  }

  @Override
  public final Optional<JsonNode> structure(Capture capture) {
    return Optional.ofNullable(extract(new Page(capture)));
  }

  @Override
  public final ParseResult parse(Capture capture, ParseContext context) {
    Page page = new Page(capture);
    Optional<ParseResult.Classified> classified = classify(page);
    if (classified.isPresent()) {
      return classified.get();
    }
    JsonNode data;
    try {
      data = extract(page);
    } catch (RuntimeException e) {
      return new ParseResult.Drifted(schema.unmappable(capture.url(), e));
    }
    if (data == null) {
      return new ParseResult.Drifted(schema.notJson(capture.url(), missingDescription()));
    }
    return schema.checkThenMap(data, capture, context, source -> map(data, page, context, source));
  }

  /** A wall, block or error page, recognized before anything is extracted. */
  protected abstract Optional<ParseResult.Classified> classify(Page page);

  /** The structure the parser relies on, or null when the page does not carry it. */
  protected abstract @Nullable JsonNode extract(Page page);

  /** What the drift report says was found when {@link #extract} found nothing. */
  protected String missingDescription() {
    return "no embedded data";
  }

  /** Records from a structure that passed the schema. */
  protected abstract ParseResult map(
      JsonNode data, Page page, ParseContext context, RecordSource source);

  /** One HTML page: its capture, its text, and its DOM parsed on first use. */
  public static final class Page {
    private final Capture capture;
    private final String html;
    private @Nullable Document document;

    public Page(Capture capture) {
      this.capture = capture;
      this.html = new String(capture.body(), StandardCharsets.UTF_8);
    }

    public Capture capture() {
      return capture;
    }

    public String html() {
      return html;
    }

    public Document document() {
      if (document == null) {
        document = Jsoup.parse(html, capture.url());
      }
      return document;
    }
  }
}
