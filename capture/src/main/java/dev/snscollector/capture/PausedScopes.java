package dev.snscollector.capture;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What operators paused ({@code /collector pause}), at {@link S3Layout#pausedScopesKey()}: JSON
 * {@code {"generatedAt": "...", "paused": ["youtube", "crawl", "tiktok.browser"]}}. The API writes
 * it whole from its database on every pause and resume; workers poll it and no job starts a paused
 * route.
 *
 * <p>A scope is {@code all}, a platform ({@code youtube}: all its routes), a route ({@code crawl}:
 * on every platform) or both ({@code tiktok.browser}).
 */
public record PausedScopes(Set<String> scopes) {
  /** Nothing paused. */
  public static final PausedScopes NONE = new PausedScopes(Set.of());

  public PausedScopes {
    scopes = Set.copyOf(scopes);
  }

  /**
   * The scope's canonical spelling, or why it is not one.
   *
   * @return the scope, lower case, when valid
   */
  public static Optional<String> parse(String scope, StringBuilder why) {
    String s = scope.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("all")) {
      return Optional.of(s);
    }
    int dot = s.indexOf('.');
    String first = dot < 0 ? s : s.substring(0, dot);
    String second = dot < 0 ? null : s.substring(dot + 1);
    boolean platform = Platform.fromWireName(first).isPresent();
    if (second == null && (platform || Route.fromWireName(first).isPresent())) {
      return Optional.of(s);
    }
    if (second != null && platform && Route.fromWireName(second).isPresent()) {
      return Optional.of(s);
    }
    why.append("not a scope: '")
        .append(scope.strip())
        .append("' (all, a platform: ")
        .append(
            String.join(", ", Arrays.stream(Platform.values()).map(Platform::wireName).toList()))
        .append("; a route: ")
        .append(String.join(", ", Arrays.stream(Route.values()).map(Route::wireName).toList()))
        .append("; or platform.route, e.g. tiktok.browser)");
    return Optional.empty();
  }

  /** The paused scope that covers {@code route} of {@code platform}, if any. */
  public @Nullable String covering(Platform platform, Route route) {
    if (scopes.isEmpty()) {
      return null;
    }
    for (String s :
        new String[] {
          "all", platform.wireName(), route.wireName(), platform.wireName() + "." + route.wireName()
        }) {
      if (scopes.contains(s)) {
        return s;
      }
    }
    return null;
  }

  /** The object's bytes, as of {@code generatedAt}. */
  public static byte[] encode(Instant generatedAt, Collection<String> scopes) {
    var doc = Json.MAPPER.createObjectNode();
    doc.put("generatedAt", generatedAt.toString());
    var list = doc.putArray("paused");
    new TreeSet<>(scopes).forEach(list::add);
    return Json.MAPPER.writeValueAsBytes(doc);
  }

  /**
   * The scopes in an object's bytes. A scope this version does not know (a platform or route added
   * by a newer API during a rolling upgrade) is kept and covers nothing here, so the rest of the
   * list still holds.
   *
   * @throws IllegalArgumentException when the bytes are not such a list
   */
  public static PausedScopes decode(byte[] object) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(object);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a paused-scopes list: " + e.getMessage(), e);
    }
    JsonNode list = doc.path("paused");
    if (!list.isArray()) {
      throw new IllegalArgumentException("not a paused-scopes list: no paused array");
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode item : list) {
      if (!item.isString()) {
        throw new IllegalArgumentException("not a paused-scopes list: an item is " + item);
      }
      out.add(item.asString().strip().toLowerCase(java.util.Locale.ROOT));
    }
    return new PausedScopes(out);
  }
}
