package dev.snscollector.parsers.tiktok;

import dev.snscollector.contracts.Platform;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.HtmlPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.PrunedJson;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Base of the TikTok web page parsers. The structure is the JSON of {@code <script
 * id="__UNIVERSAL_DATA_FOR_REHYDRATION__">}, read pruned to what the page type's schema declares
 * and validated against it.
 *
 * <p>Walls are recognized only on pages without that data, by {@link TiktokWebWalls} (the same
 * classifier as {@link TiktokParsers#refusal}), so a real page whose scripts mention "captcha" is
 * never mistaken for one. A page in the older {@code SIGI_STATE} layout (2020–2023) is not a wall:
 * it is drift for schema v1, reported at path {@code ""}.
 */
abstract class TiktokWebParser extends HtmlPageParser {
  static final int SCHEMA_VERSION = 1;
  static final String SCRIPT_ID = "__UNIVERSAL_DATA_FOR_REHYDRATION__";
  static final String SIGI_STATE = "SIGI_STATE";

  private final PrunedJson reader;

  TiktokWebParser(String pageTypeId) {
    super(new PageType(pageTypeId, Platform.TIKTOK, SCHEMA_VERSION));
    this.reader = PrunedJson.forSchema(schema().schemaNode());
  }

  @Override
  protected final Optional<Classified> classify(DocumentView page) {
    return TiktokWebWalls.classify(page);
  }

  @Override
  protected final @Nullable JsonNode extract(DocumentView page) {
    // The data script is most of a 0.5-1 MB page: read it from the bytes, keeping only what the
    // schema declares (PrunedJson), instead of building the whole tree.
    byte[] body = page.capture().body();
    int at = page.scriptContentOffset(SCRIPT_ID);
    return at < 0 ? null : reader.read(body, at);
  }

  @Override
  protected final List<EmbeddedJson.Location> embedded(DocumentView page) {
    int at = page.scriptContentOffset(SCRIPT_ID);
    return at < 0 ? List.of() : List.of(new EmbeddedJson.Location("", at));
  }

  @Override
  protected final String missingDescription(DocumentView doc) {
    return "no <script id=\""
        + SCRIPT_ID
        + "\"> (a page in the older SIGI_STATE layout is not read by schema v1)";
  }
}
