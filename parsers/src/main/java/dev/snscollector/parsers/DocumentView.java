package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Json;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One captured document as every parser sees it: the bytes as they came, and three views built on
 * first use and then kept: the text decoded as UTF-8, a byte-for-char view for scanning ASCII
 * markers at byte offsets, the body read as JSON, and the DOM. A parser pays only for the views it
 * asks for: a 1 MB YouTube page is scanned as bytes and never decoded or parsed into a DOM.
 *
 * <p>Not thread-safe; one per parse.
 */
public final class DocumentView {
  private final Capture capture;
  private @Nullable String text;
  private @Nullable String bytesAsChars;
  private @Nullable JsonNode json;
  private boolean jsonRead;
  private @Nullable Document dom;
  private int firstChar = -1;
  private @Nullable DomTrace domTrace;
  private java.util.@Nullable Map<String, Integer> scriptOffsets;

  public DocumentView(Capture capture) {
    this.capture = capture;
  }

  /** A view whose DOM reads are traced: see {@link DomTrace}. */
  static DocumentView traced(Capture capture, DomTrace trace) {
    DocumentView view = new DocumentView(capture);
    view.domTrace = trace;
    return view;
  }

  public Capture capture() {
    return capture;
  }

  public byte[] body() {
    return capture.body();
  }

  public int status() {
    return capture.status();
  }

  public String url() {
    return capture.url();
  }

  /** The body decoded as UTF-8. */
  public String text() {
    if (text == null) {
      text = new String(capture.body(), StandardCharsets.UTF_8);
    }
    return text;
  }

  /**
   * The body read as ISO-8859-1: one char per byte, so building it is a copy rather than a decode,
   * and every index in it is a byte offset into {@link #body()}. Only ASCII markers may be searched
   * in it.
   */
  public String bytesAsChars() {
    if (bytesAsChars == null) {
      bytesAsChars = new String(capture.body(), StandardCharsets.ISO_8859_1);
    }
    return bytesAsChars;
  }

  /**
   * The byte offset of the content of {@code <script id="id" ...>}, or -1; found once per id with
   * the vectorized {@code indexOf} of {@link #bytesAsChars()} and remembered, since the classify
   * and extract steps both look for it on pages of half a megabyte.
   */
  public int scriptContentOffset(String id) {
    if (scriptOffsets == null) {
      scriptOffsets = new java.util.HashMap<>(4);
    }
    Integer known = scriptOffsets.get(id);
    if (known != null) {
      return known;
    }
    String chars = bytesAsChars();
    int at = chars.indexOf("id=\"" + id + "\"");
    int open = at < 0 ? -1 : chars.indexOf('>', at);
    int offset = open < 0 ? -1 : open + 1;
    scriptOffsets.put(id, offset);
    return offset;
  }

  /** Offset of the body's first byte that is not whitespace or a UTF-8 byte order mark. */
  public int start() {
    if (firstChar < 0) {
      byte[] b = capture.body();
      int i =
          b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf
              ? 3
              : 0;
      while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
        i++;
      }
      firstChar = i;
    }
    return firstChar;
  }

  /** Whether the body is a JSON object or array rather than a page. */
  public boolean looksLikeJson() {
    int at = start();
    byte[] b = capture.body();
    return at < b.length && (b[at] == '{' || b[at] == '[');
  }

  /** The body as a JSON tree, or null when it is empty or not JSON. */
  public @Nullable JsonNode json() {
    if (!jsonRead) {
      jsonRead = true;
      json = readJson(capture.body());
    }
    return json;
  }

  /** The DOM of the body, parsed as HTML with the capture's URL as base. */
  public Document dom() {
    if (dom == null) {
      dom = Jsoup.parse(text(), capture.url());
    }
    return dom;
  }

  /** Where DOM reads are recorded while a parse is traced; null in a normal parse. */
  public @Nullable DomTrace domTrace() {
    return domTrace;
  }

  /** {@code bytes} as a JSON tree, or null when empty or not JSON. */
  public static @Nullable JsonNode readJson(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JacksonException e) {
      return null;
    }
  }
}
