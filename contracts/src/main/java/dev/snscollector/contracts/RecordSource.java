package dev.snscollector.contracts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a record came from.
 *
 * @param route the route that fetched the document
 * @param url the document's URL, without credentials or keys
 * @param pageType the page type the parser read, e.g. {@code youtube.api.channels}
 * @param schemaVersion the version of the page type's structure schema the document passed
 * @param jobId the job that collected it; null when parsed outside a job
 */
public record RecordSource(
    Route route, String url, String pageType, int schemaVersion, @Nullable String jobId) {
  public RecordSource {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(pageType, "pageType");
  }
}
