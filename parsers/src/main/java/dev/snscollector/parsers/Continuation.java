package dev.snscollector.parsers;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a page tells the fetcher to follow: the next page's token, ids of items to fetch in detail,
 * and named values (a channel's uploads playlist id).
 */
public record Continuation(
    @Nullable String nextPageToken, List<String> ids, Map<String, String> values) {
  public static final Continuation NONE = new Continuation(null, List.of(), Map.of());

  public Continuation {
    ids = List.copyOf(ids);
    values = Map.copyOf(values);
  }

  public @Nullable String value(String name) {
    return values.get(name);
  }
}
