package dev.snscollector.worker.browser;

import dev.snscollector.capture.Capture;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the browser route got from one page.
 *
 * @param document the rendered DOM serialized as HTML ({@code text/html; charset=utf-8}) with the
 *     main response's status and the page type asked for; its URL is the page's final one (after
 *     redirects), credentials removed
 * @param responses the JSON responses the page fetched while it rendered (content type {@code
 *     application/json} or {@code *+json}, complete, at most 2 MiB each and 50 in all), in the
 *     order they arrived; page type null, left to recognition
 * @param settled whether the page reached what was waited for: the wait-for selector appeared, or
 *     without one the network went idle. A page that did not settle is returned all the same (a
 *     wall or block page never shows the selector, and the parsers classify it); a caller that gets
 *     drift from an unsettled page may treat it as transient instead
 */
public record RenderedPage(Capture document, List<Capture> responses, boolean settled) {
  public RenderedPage {
    Objects.requireNonNull(document, "document");
    responses = List.copyOf(responses);
  }

  /** The document first, then the responses: everything to keep as raw captures. */
  public List<Capture> captures() {
    List<Capture> all = new ArrayList<>(responses.size() + 1);
    all.add(document);
    all.addAll(responses);
    return List.copyOf(all);
  }
}
