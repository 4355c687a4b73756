package dev.snscollector.parsers;

/**
 * Reads one page type. Implementations classify error and wall documents first, then check the
 * structure schema, then map to records; they never throw for a bad document.
 */
public interface PageParser {
  PageType pageType();

  ParseResult parse(Capture capture, ParseContext context);
}
