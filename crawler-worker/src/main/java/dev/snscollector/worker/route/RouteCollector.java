package dev.snscollector.worker.route;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.worker.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Collects jobs of one platform over one route. Its {@link Collection} holds exactly one route
 * attempt. It returns an outcome for anything the platform answered and throws {@link
 * dev.snscollector.worker.fetch.TransientFetchException} (retry the job later) or {@link
 * dev.snscollector.worker.crawl.ProxyUnavailableException} (defer the job) otherwise.
 */
public interface RouteCollector {
  Platform platform();

  Route route();

  /**
   * Why this route cannot serve the job at all (the Graph API without the creator's account, a kind
   * the route has no page for), or null when it can. A route that cannot serve is skipped without
   * an attempt.
   */
  @Nullable String unavailableFor(JobMessage job);

  Collection collect(JobMessage job);
}
