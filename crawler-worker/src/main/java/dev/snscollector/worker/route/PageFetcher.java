package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
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

  /**
   * Returns the proxy lease held for the session's last page with the parsers' verdict on it (a
   * block page, a wall or a rate limit cools the proxy down); see {@link LeaseResults}.
   */
  void settle(String session, Outcome outcome);

  /**
   * Ends a session: gives back a lease still held, forgets its cookies and its sticky proxy, so a
   * route that comes after starts on another.
   */
  void endSession(String session);
}
