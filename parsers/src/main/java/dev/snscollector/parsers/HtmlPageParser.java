package dev.snscollector.parsers;

/**
 * The {@link DocumentParser} pipeline for HTML and XML pages. Step 1 classifies walls from the raw
 * page (consent, captcha, "unusual traffic", login walls, not found, private); step 2 extracts the
 * embedded JSON ({@code __UNIVERSAL_DATA_FOR_REHYDRATION__}) or, for pages read through the DOM, an
 * intermediate JSON tree built from it, recording each value's element in {@link
 * DocumentView#domTrace()} when the parse is traced.
 *
 * <p>{@link DocumentView} parses the DOM only when asked: a parser that finds its JSON by scanning
 * the bytes never pays for a jsoup parse.
 */
public abstract class HtmlPageParser extends DocumentParser {
  protected HtmlPageParser(PageType pageType) {
    super(pageType);
  }
}
