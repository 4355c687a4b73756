package dev.snscollector.worker.route;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import java.util.List;

/**
 * The order in which a job tries its routes. By default the official API comes first (the creator's
 * own token sees what no public page shows), then public pages over HTTP, then the browser for
 * pages that only render with JavaScript. Naver Blog has no API for this data, so it starts with
 * the crawl. A job's {@code options.routes} replaces the default with its own order.
 */
public final class RoutePlan {
  private RoutePlan() {}

  public static List<Route> defaults(Platform platform) {
    return switch (platform) {
      case NAVER_BLOG -> List.of(Route.CRAWL, Route.BROWSER);
      case YOUTUBE, INSTAGRAM, TIKTOK -> List.of(Route.API, Route.CRAWL, Route.BROWSER);
    };
  }

  public static List<Route> of(JobMessage job) {
    List<Route> narrowed = job.options().routes();
    return narrowed.isEmpty() ? defaults(job.platform()) : narrowed;
  }
}
