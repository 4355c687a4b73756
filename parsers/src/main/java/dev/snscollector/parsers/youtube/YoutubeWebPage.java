package dev.snscollector.parsers.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.PrunedJson;

/**
 * One YouTube web document (an HTML page or an InnerTube JSON response) prepared for scanning.
 *
 * <p>{@link #text()} is the body read as ISO-8859-1: one char per byte, so building it is a copy
 * rather than a UTF-8 decode, {@link String#indexOf} runs at full speed, and every index in it is a
 * byte offset into {@link #body()} where {@link PrunedJson} can start reading. Only ASCII markers
 * may be searched in it; text outside ASCII is read from the JSON.
 */
final class YoutubeWebPage {
  private final DocumentView view;

  YoutubeWebPage(DocumentView view) {
    this.view = view;
  }

  YoutubeWebPage(Capture capture) {
    this(new DocumentView(capture));
  }

  DocumentView view() {
    return view;
  }

  Capture capture() {
    return view.capture();
  }

  byte[] body() {
    return view.body();
  }

  String text() {
    return view.bytesAsChars();
  }

  /** Whether the body is a JSON object (an InnerTube response) rather than a page. */
  boolean isJson() {
    int at = view.start();
    return at < body().length && body()[at] == '{';
  }

  /** Offset of the body's first non-whitespace character. */
  int start() {
    return view.start();
  }

  boolean contains(String asciiMarker) {
    return text().contains(asciiMarker);
  }

  /**
   * Offset of the {@code {} of the object assigned to {@code name} ({@code var name = {},
   * {@code window["name"] = {}), or -1. Mentions that are not assignments ({@code a.name,}) are
   * passed over.
   */
  int assignedObject(String name) {
    String text = text();
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
