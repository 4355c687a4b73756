package dev.snscollector.worker.browser;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureScrubber;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Route;
import dev.snscollector.worker.fetch.FetchRetry;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.SiteUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The browser route as the collectors see it: a GET is rendered by Chromium through the pool's
 * proxies and comes back as the rendered document, or, when the address itself answered JSON (an
 * endpoint the page's own scripts call), as that JSON, so the same parsers read it. The other JSON
 * the page fetched is kept with the job's captures ({@link #drainExtras}), for replay. A POST (an
 * InnerTube continuation) has no page to render and goes over plain HTTP in the same session. A
 * render that failed transiently (a reset, an empty reply, a 5xx, a hang) is tried again within the
 * job, with a new lease each time, as the crawl's requests are.
 */
public final class BrowserPageFetcher implements PageFetcher {
  private final BrowserFetcher browser;
  private final PageFetcher posts;
  private final SiteUrls sites;
  private final FetchRetry retry;
  private final Map<String, List<Capture>> extras = new ConcurrentHashMap<>();

  /**
   * @param posts fetches what a browser cannot render (POSTs): the crawl route
   */
  public BrowserPageFetcher(BrowserFetcher browser, PageFetcher posts, SiteUrls sites) {
    this(browser, posts, sites, FetchRetry.NONE);
  }

  /**
   * @param retry how a render that failed transiently is tried again within the job
   */
  public BrowserPageFetcher(
      BrowserFetcher browser, PageFetcher posts, SiteUrls sites, FetchRetry retry) {
    this.browser = browser;
    this.posts = posts;
    this.sites = sites;
    this.retry = retry;
  }

  @Override
  public Route route() {
    return Route.BROWSER;
  }

  @Override
  public Capture fetch(PageRequest request, String session) {
    if (!"GET".equals(request.method())) {
      return posts.fetch(request, session);
    }
    HttpUrl site = HttpUrl.get(request.url());
    HttpUrl sent = sites.resolve(site);
    RenderedPage page =
        retry.call(() -> browser.render(sent.toString(), session, request.pageType(), null, true));
    String sentUrl = CaptureScrubber.url(sent.toString());
    String siteUrl = CaptureScrubber.url(site.toString());
    Capture chosen = page.document();
    List<Capture> others = new ArrayList<>();
    for (Capture response : page.responses()) {
      if (response.url().equals(sentUrl) && chosen == page.document()) {
        chosen = response; // the address answered JSON: that is the document
      } else {
        others.add(asSite(response, sentUrl, siteUrl, null));
      }
    }
    if (!others.isEmpty()) {
      extras.computeIfAbsent(session, s -> new ArrayList<>()).addAll(others);
    }
    return asSite(chosen, sentUrl, siteUrl, request.pageType());
  }

  /** The JSON responses pages of this session fetched besides their documents; forgets them. */
  @Override
  public List<Capture> drainExtras(String session) {
    List<Capture> kept = extras.remove(session);
    return kept == null ? List.of() : List.copyOf(kept);
  }

  @Override
  public void settle(String session, Outcome outcome) {
    browser.settle(session, outcome);
    posts.settle(session, outcome);
  }

  @Override
  public void endSession(String session) {
    extras.remove(session);
    browser.endSession(session);
    posts.endSession(session);
  }

  /** Names the site's own URL in a capture fetched from a local stand-in for it. */
  private static Capture asSite(
      Capture c, String sentUrl, String siteUrl, @Nullable String pageType) {
    String url = c.url().equals(sentUrl) ? siteUrl : c.url();
    return new Capture(
        url,
        c.method(),
        c.status(),
        c.headers(),
        c.body(),
        c.fetchedAt(),
        pageType == null ? c.pageType() : pageType);
  }
}
