package dev.snscollector.worker.tiktok;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.PageRouteCollector;
import java.time.Clock;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * TikTok's public pages, over the crawl or the browser route (whichever {@link PageFetcher} it is
 * given): the profile page {@code https://www.tiktok.com/@<handle>} for a profile, the video page
 * {@code https://www.tiktok.com/@<handle>/video/<id>} for a post. Both carry their data in the
 * {@code __UNIVERSAL_DATA_FOR_REHYDRATION__} script. The profile URL has no {@code lang} parameter,
 * as the recorded pages have none: the fetcher's Accept-Language already asks for Korean.
 *
 * <p>What the pages do not give: the profile page carries the creator's header only (its {@code
 * webapp.user-detail} scope); the video grid loads afterwards from {@code /api/post/item_list/}, a
 * request signed by the page's script (X-Bogus), and comments from the equally signed {@code
 * /api/comment/list/}. Posts and comments jobs are therefore not served here: posts come from the
 * API route with the creator's token.
 */
public final class TiktokWebCollector extends PageRouteCollector {
  static final String SITE = "https://www.tiktok.com";
  static final String PROFILE = PageTypes.TIKTOK_WEB_PROFILE;
  static final String VIDEO = PageTypes.TIKTOK_WEB_VIDEO;

  /**
   * The handle placeholder TikTok accepts in a video URL when the author is not known (a job that
   * names the video by id alone); the site serves the video under any handle.
   */
  private static final String ANY_HANDLE = "_";

  /** A path segment that is a handle, as TikTok spells them. */
  private static final Pattern HANDLE_SEGMENT = Pattern.compile("@[A-Za-z0-9._]{2,24}");

  public TiktokWebCollector(PageFetcher pages, ParserRegistry parsers, Clock clock) {
    super(Platform.TIKTOK, pages, parsers, clock);
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    return switch (job.kind()) {
      case PROFILE, POST -> null;
      case POSTS ->
          "TikTok's profile page carries no videos (they load from a signed /api/post/item_list/"
              + " call): posts come from the API route";
      case COMMENTS ->
          "TikTok's pages carry no comments (they load from a signed /api/comment/list/ call)";
      case INSIGHTS -> PageRouteCollector.INSIGHTS_NEED_API;
    };
  }

  @Override
  protected Outcome collect(CollectionRun run, TargetRef target) {
    PageRequest request =
        switch (run.job().kind()) {
          case PROFILE -> PageRequest.get(SITE + "/@" + target.value(), PROFILE);
          case POST ->
              PageRequest.get(
                  SITE + "/@" + authorHandle(run.job().target()) + "/video/" + target.value(),
                  VIDEO);
          case POSTS, COMMENTS, INSIGHTS -> throw new IllegalStateException("not served here");
        };
    return read(run, request).outcome();
  }

  /** The author's handle when the job names the video by its URL, else the placeholder. */
  static String authorHandle(String target) {
    HttpUrl url = HttpUrl.parse(target.strip());
    String first = url == null ? "" : url.pathSegments().getFirst();
    return HANDLE_SEGMENT.matcher(first).matches() ? first.substring(1) : ANY_HANDLE;
  }
}
