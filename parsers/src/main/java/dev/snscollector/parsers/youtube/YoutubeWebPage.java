package dev.snscollector.parsers.youtube;

import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.PrunedJson;
import java.nio.charset.StandardCharsets;

/**
 * One YouTube web document (an HTML page or an InnerTube JSON response) prepared for scanning.
 *
 * <p>{@link #text()} is the body read as ISO-8859-1: one char per byte, so building it is a copy
 * rather than a UTF-8 decode, {@link String#indexOf} runs at full speed, and every index in it is a
 * byte offset into {@link #body()} where {@link PrunedJson} can start reading. Only ASCII markers
 * may be searched in it; text outside ASCII is read from the JSON.
 */
final class YoutubeWebPage {
  private final Capture capture;
  private final String text;
  private final int firstChar;

  YoutubeWebPage(Capture capture) {
    this.capture = capture;
    this.text = new String(capture.body(), StandardCharsets.ISO_8859_1);
    int i = 0;
    // A UTF-8 byte order mark is three non-whitespace bytes; skip it with the whitespace.
    if (text.startsWith("\u00ef\u00bb\u00bf")) {
      i = 3;
    }
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    this.firstChar = i;
  }

  Capture capture() {
    return capture;
  }

  byte[] body() {
    return capture.body();
  }

  String text() {
    return text;
  }

  /** Whether the body is a JSON object (an InnerTube response) rather than a page. */
  boolean isJson() {
    return firstChar < text.length() && text.charAt(firstChar) == '{';
  }

  /** Offset of the body's first non-whitespace character. */
  int start() {
    return firstChar;
  }

  boolean contains(String asciiMarker) {
    return text.contains(asciiMarker);
  }

  /**
   * Offset of the {@code {} of the object assigned to {@code name} ({@code var name = {},
   * {@code window["name"] = {}), or -1. Mentions that are not assignments ({@code a.name,}) are
   * passed over.
   */
  int assignedObject(String name) {
    int from = 0;
    while (true) {
      int at = text.indexOf(name, from);
      if (at < 0) {
        return -1;
      }
      int i = at + name.length();
      while (i < text.length() && " \"']".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '=') {
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (i < text.length() && text.charAt(i) == '{') {
          return i;
        }
      }
      from = at + name.length();
    }
  }
}
