package dev.snscollector.worker.crawl;

import dev.snscollector.capture.CaptureScrubber;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.route.RedirectWalls;
import dev.snscollector.worker.route.SiteUrls;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The crawl's redirects as an OkHttp interceptor, on every proxy's client ahead of the {@link
 * SessionInterceptor} (so each hop gets the session's headers and cookies, and leaves its own): a
 * redirect is followed with a GET through the same proxy, up to {@value #MAX_REDIRECTS} hops,
 * except to a login or consent page ({@link RedirectWalls}), whose redirect is the answer, for the
 * job to move on to its next route. Locations are the site's URLs; each hop goes where {@link
 * SiteUrls} sends that site (a local stand-in in tests), and its capture is recorded under the
 * site's URL ({@link HttpFetcher.RecordedUrl}).
 */
final class RedirectInterceptor implements Interceptor {
  static final int MAX_REDIRECTS = 5;

  private final SiteUrls sites;

  RedirectInterceptor(SiteUrls sites) {
    this.sites = sites;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int hop = 0; hop < MAX_REDIRECTS && response.isRedirect(); hop++) {
      SessionInterceptor.Tag tag = request.tag(SessionInterceptor.Tag.class);
      HttpUrl site = tag == null ? request.url() : tag.site();
      String location = response.header("Location");
      HttpUrl next = location == null ? null : site.resolve(location);
      if (next == null || RedirectWalls.of(next).isPresent()) {
        return response; // not a page to follow, or a wall: the parsers say which
      }
      response.close();
      request =
          request
              .newBuilder()
              .url(sites.resolve(next))
              .get()
              .removeHeader("Content-Type")
              .tag(
                  SessionInterceptor.Tag.class,
                  new SessionInterceptor.Tag(tag == null ? null : tag.session(), next))
              .tag(
                  HttpFetcher.RecordedUrl.class,
                  new HttpFetcher.RecordedUrl(CaptureScrubber.url(next.toString())))
              .build();
      response = chain.proceed(request);
    }
    return response;
  }
}
