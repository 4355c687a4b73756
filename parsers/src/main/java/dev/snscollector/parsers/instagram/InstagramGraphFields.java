package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Unavailable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a Graph API request asked for: its {@code fields} (or {@code metric}) parameter, with field
 * expansion ({@code children{id,media_url}}, {@code business_discovery.username(x){…}}, {@code
 * media.limit(2){…}}) read as a tree. The Graph API answers with exactly the fields requested (a
 * request without {@code fields} gets the node's default fields), so a field the request did not
 * ask for is absent because it was {@link Unavailable#NOT_REQUESTED}, and a field it asked for that
 * is absent is unexplained, except where the API documents the omission (a hidden like count).
 *
 * <p>The request is read from the capture's URL when it is a request's (http or https, the Graph
 * API or a stand-in for it), else from the paging links the API writes into the body (they repeat
 * the request's parameters). When neither is there (a saved document without its request) the
 * request is {@link #unknown()}: absent fields are then taken as not requested, the only reading
 * the API allows, except where an omission has two readings.
 */
final class InstagramGraphFields {
  private static final InstagramGraphFields UNKNOWN = new InstagramGraphFields(null, List.of());

  /** Field names by selection; null when the request is unknown. */
  private final @Nullable Map<String, InstagramGraphFields> fields;

  /** Where in the document the request was looked for, for drift reports when it is unknown. */
  private final List<String> lookedAt;

  private InstagramGraphFields(
      @Nullable Map<String, InstagramGraphFields> fields, List<String> lookedAt) {
    this.fields = fields;
    this.lookedAt = lookedAt;
  }

  private InstagramGraphFields(Map<String, InstagramGraphFields> fields) {
    this(fields, List.of());
  }

  static InstagramGraphFields unknown() {
    return UNKNOWN;
  }

  /** A known selection of exactly these fields, none expanded. */
  static InstagramGraphFields of(Set<String> names) {
    Map<String, InstagramGraphFields> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, new InstagramGraphFields(Map.of())));
    return new InstagramGraphFields(out);
  }

  /**
   * The selection of the request that produced a document: the {@code parameter} ({@code fields} or
   * {@code metric}) of the first request URL among {@code urls}, or {@code defaults} when that URL
   * has none; unknown when none of them is a request URL ({@link #isRequestUrl}).
   */
  static InstagramGraphFields fromUrls(String parameter, Set<String> defaults, List<String> urls) {
    for (String url : urls) {
      if (isRequestUrl(url)) {
        String value = parameter(url, parameter);
        return value == null ? of(defaults) : parse(value);
      }
    }
    return UNKNOWN;
  }

  /**
   * The selection of a list page's request: the request URL's, else that of the page's paging links
   * ({@code paging.next} and {@code paging.previous} repeat the request's parameters); unknown when
   * there is none, and then drift that depends on it names the paging links.
   */
  static InstagramGraphFields fromRequestOrPaging(
      String parameter, Set<String> defaults, String requestUrl, JsonNode paging) {
    List<String> urls = new ArrayList<>();
    urls.add(requestUrl);
    List<String> lookedAt = new ArrayList<>();
    for (String link : List.of("next", "previous")) {
      lookedAt.add("/paging/" + link);
      if (paging.path(link).isString()) {
        urls.add(paging.path(link).asString());
      }
    }
    InstagramGraphFields found = fromUrls(parameter, defaults, urls);
    return found.known() ? found : new InstagramGraphFields(null, List.copyOf(lookedAt));
  }

  boolean known() {
    return fields != null;
  }

  /** Whether the request asked for {@code name}; false when the request is unknown. */
  boolean asked(String name) {
    return fields != null && fields.containsKey(name);
  }

  /**
   * The selection inside the expanded field {@code name}: its braces, or {@code defaults} when it
   * was asked for without them; unknown when the request is unknown or did not ask for it.
   */
  InstagramGraphFields inside(String name, Set<String> defaults) {
    InstagramGraphFields sub = fields == null ? null : fields.get(name);
    if (sub == null) {
      return UNKNOWN;
    }
    Map<String, InstagramGraphFields> selected = sub.fields;
    return selected == null || selected.isEmpty() ? of(defaults) : sub;
  }

  /**
   * Why {@code field} is absent from a node: not requested, or drift at {@code pointer} when the
   * request asked for it and the API documents no omission.
   *
   * @throws Missing when the request asked for it
   */
  Unavailable absent(String field, String pointer) {
    if (asked(field)) {
      throw new Missing(pointer, field + ", which the request asked for");
    }
    return Unavailable.NOT_REQUESTED;
  }

  /**
   * Why a node reached through an edge or field expansion has no {@code like_count}: the API omits
   * it when the media's owner hid like counts, and a request that did not ask for it gets none.
   * When the request is unknown the two cannot be told apart, which is drift.
   *
   * @throws Missing when the request is unknown
   */
  Unavailable likesAbsent(String pointer) {
    if (fields == null) {
      List<String> pointers = new ArrayList<>();
      pointers.add(pointer);
      pointers.addAll(lookedAt);
      throw new Missing(
          pointers,
          "like_count, or the request (its URL or paging links) to tell a hidden count from one"
              + " not asked for");
    }
    return asked("like_count") ? Unavailable.HIDDEN_BY_CREATOR : Unavailable.NOT_REQUESTED;
  }

  /**
   * A value the document should carry and does not: drift at {@code pointers} (every place it could
   * have come from), for the parser to report.
   */
  static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> pointers;
    private final String expected;

    Missing(String pointer, String expected) {
      this(List.of(pointer), expected);
    }

    Missing(List<String> pointers, String expected) {
      super(pointers + ": expected " + expected, null, false, false);
      this.pointers = List.copyOf(pointers);
      this.expected = expected;
    }

    List<String> pointers() {
      return pointers;
    }

    String expected() {
      return expected;
    }
  }

  /**
   * Whether {@code url} is a request's URL ({@code http} or {@code https}; the host may be a
   * stand-in for the Graph API) rather than where a saved document lies ({@code file:}).
   */
  static boolean isRequestUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static @Nullable String parameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    int hash = url.indexOf('#', query);
    String q = url.substring(query + 1, hash < 0 ? url.length() : hash);
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        // '+' is left alone: field lists never hold a space, cursors in them may hold a '+'.
        return URLDecoder.decode(
            pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Parses {@code a,b{c,d.limit(2){e}},f.after(x)} into a selection tree. */
  static InstagramGraphFields parse(String value) {
    Map<String, InstagramGraphFields> out = new LinkedHashMap<>();
    int end = parseList(value, 0, out);
    if (end < value.length()) {
      // An unbalanced '}' at the top level: keep what was read.
      parseList(value, end + 1, out);
    }
    return new InstagramGraphFields(out);
  }

  /** Reads a comma list from {@code at} until a '}' or the end; returns where it stopped. */
  private static int parseList(String s, int at, Map<String, InstagramGraphFields> out) {
    int i = at;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == ',' || Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && ".,{}(".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String name = s.substring(start, i);
      // Modifiers: .limit(2), .username(x), .after(cursor), .since(…)
      while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '(')) {
        if (s.charAt(i) == '(') {
          int close = s.indexOf(')', i);
          i = close < 0 ? s.length() : close + 1;
        } else {
          i++;
          while (i < s.length() && ".,{}(".indexOf(s.charAt(i)) < 0) {
            i++;
          }
        }
      }
      Map<String, InstagramGraphFields> children = new LinkedHashMap<>();
      if (i < s.length() && s.charAt(i) == '{') {
        i = parseList(s, i + 1, children);
        if (i < s.length() && s.charAt(i) == '}') {
          i++;
        }
      }
      if (!name.isEmpty()) {
        out.merge(
            name,
            new InstagramGraphFields(children),
            (a, b) -> {
              Map<String, InstagramGraphFields> merged = new LinkedHashMap<>();
              if (a.fields != null) {
                merged.putAll(a.fields);
              }
              if (b.fields != null) {
                merged.putAll(b.fields);
              }
              return new InstagramGraphFields(merged);
            });
      }
    }
    return i;
  }
}
