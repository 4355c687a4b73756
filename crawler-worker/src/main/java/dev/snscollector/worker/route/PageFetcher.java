package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Route;
import java.util.List;

/**
 * Fetches public documents for one route (crawl: plain HTTP through the proxy pool; browser:
 * rendered by Chromium). A session is one job: it keeps one proxy, one header profile and its
 * cookies across the job's pages until {@link #endSession}.
 */
public interface PageFetcher {
  Route route();

  /**
   * @throws dev.snscollector.worker.crawl.ProxyUnavailableException when no proxy can be leased
   * @throws dev.snscollector.worker.fetch.TransientFetchException when the fetch may pass later
   */
  Capture fetch(PageRequest request, String session);

  /**
   * Documents fetched on the way that were not asked for (the JSON a rendered page loaded), to keep
   * with the job's captures; returns each once.
   */
  default List<Capture> drainExtras(String session) {
    return List.of();
  }

  /** Forgets a session's cookies. */
  void endSession(String session);
}
