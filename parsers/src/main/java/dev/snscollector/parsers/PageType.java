package dev.snscollector.parsers;

import dev.snscollector.contracts.Platform;
import java.util.Objects;

/**
 * One kind of document, e.g. the YouTube Data API's channels.list response.
 *
 * @param id stable id used in captures, fixtures and metrics: {@code <platform>.<surface>.<name>}
 * @param platform the platform
 * @param schemaVersion version of the structure schema its parser relies on
 */
public record PageType(String id, Platform platform, int schemaVersion) {
  public PageType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(platform, "platform");
  }

  /** Classpath resource of the structure schema. */
  public String schemaResource() {
    return "/structure/" + id + ".v" + schemaVersion + ".schema.json";
  }
}
