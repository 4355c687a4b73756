package dev.snscollector.worker.route;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import java.time.Clock;

/**
 * A platform's public pages over one page route: the same subclass serves the crawl and the
 * browser, whichever {@link PageFetcher} it is given. This class runs a job's session (one job: one
 * proxy, one cookie jar) from start to end and keeps what the pages loaded besides their documents;
 * a subclass only says which pages a job needs and in what order.
 */
public abstract class PageRouteCollector implements RouteCollector {
  /** Why no page route serves an insights job. */
  public static final String INSIGHTS_NEED_API =
      "insights are the creator's own figures: only the API route reads them, with their token";

  private final Platform platform;
  private final PageFetcher pages;
  private final ParserRegistry parsers;
  private final Clock clock;

  protected PageRouteCollector(
      Platform platform, PageFetcher pages, ParserRegistry parsers, Clock clock) {
    this.platform = platform;
    this.pages = pages;
    this.parsers = parsers;
    this.clock = clock;
  }

  @Override
  public final Platform platform() {
    return platform;
  }

  @Override
  public final Route route() {
    return pages.route();
  }

  @Override
  public final Collection collect(JobMessage job) {
    String unavailable = unavailableFor(job);
    if (unavailable != null) {
      throw new IllegalArgumentException(unavailable);
    }
    CollectionRun run = new CollectionRun(job, route(), parsers, clock);
    String session = session(job);
    try {
      Outcome outcome = collect(run, Targets.parse(job.platform(), job.kind(), job.target()));
      run.keep(pages.drainExtras(session));
      return run.finish(outcome);
    } finally {
      pages.endSession(session);
    }
  }

  /**
   * A job's session on this route: one job, one route. The next route of the same job starts a
   * session of its own, so it does not go out through the proxy (or the gateway exit) the route
   * before was blocked on.
   */
  private String session(JobMessage job) {
    return job.jobId() + "/" + route().wireName();
  }

  /** Fetches and parses the job's pages into {@code run}; returns how the route ended. */
  protected abstract Outcome collect(CollectionRun run, TargetRef target);

  /**
   * Fetches a page in the job's session and parses it, keeping its records; the page's proxy lease
   * goes back with the parsers' verdict (a block page or a wall served with 200 cools the proxy
   * down as a 403 would).
   */
  protected final CollectionRun.Step read(CollectionRun run, PageRequest request) {
    String session = session(run.job());
    CollectionRun.Step step = null;
    try {
      step = run.read(pages.fetch(request, session));
      return step;
    } finally {
      pages.settle(session, step == null ? Outcome.INTERNAL : step.outcome());
    }
  }
}
