package dev.snscollector.worker.instagram;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.CollectionRun.Step;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.PageRouteCollector;
import java.time.Clock;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Instagram's public data without a token, over the crawl or the browser route (whichever {@link
 * PageFetcher} it is given), from the JSON endpoints the site's own web app calls, with the headers
 * it sends them ({@code X-IG-App-ID}, {@code X-Requested-With}, JSON accepted).
 *
 * <ul>
 *   <li>profile: {@code i.instagram.com/api/v1/users/web_profile_info/?username=<handle>}; when
 *       that answers with a wall, a checkpoint or a block, the profile page {@code
 *       www.instagram.com/<handle>/} instead, whose meta tags carry the counts (rounded, as the
 *       page shows them). The posts web_profile_info also carries are left to posts jobs;
 *   <li>posts: the same web_profile_info, which carries the profile and the <b>first 12 posts
 *       only</b>: the next ones need the logged-in GraphQL feed, so a posts job gets at most 12
 *       here, fewer with {@code maxItems} or {@code since}; a private account is {@link
 *       Outcome#PRIVATE};
 *   <li>post: {@code i.instagram.com/api/v1/media/<media-id>/info/}, the media id decoded from the
 *       shortcode ({@link InstagramShortcodes}); when that answers with a wall, a checkpoint or a
 *       block, the post page {@code www.instagram.com/p/<shortcode>/} instead, whose meta
 *       description carries likes, comments and the day it was posted (counts rounded as the page
 *       shows them; no views, shares or saves);
 *   <li>comments: not served (the logged-out web shows none); they need the Graph API.
 * </ul>
 *
 * Targets are handles: a numeric user id has no public address.
 */
public final class InstagramWebCollector extends PageRouteCollector {
  static final String PROFILE_INFO = PageTypes.INSTAGRAM_WEB_PROFILE_INFO;
  static final String PROFILE_PAGE = PageTypes.INSTAGRAM_WEB_PROFILE_PAGE;
  static final String MEDIA_INFO = PageTypes.INSTAGRAM_WEB_MEDIA_INFO;
  static final String POST_PAGE = PageTypes.INSTAGRAM_WEB_POST_PAGE;

  /** The app id Instagram's own web client sends with its API calls. */
  static final String WEB_APP_ID = "936619743392459";

  /** Posts web_profile_info carries. */
  static final int PROFILE_INFO_POSTS = 12;

  /** What sends a job from the JSON endpoints to the page: a profile's, a post's. */
  private static final Set<Outcome> FALL_BACK_TO_PAGE = Set.of(Outcome.LOGIN_WALL, Outcome.BLOCKED);

  public InstagramWebCollector(PageFetcher pages, ParserRegistry parsers, Clock clock) {
    super(Platform.INSTAGRAM, pages, parsers, clock);
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    if (job.kind() == JobKind.COMMENTS) {
      return "Instagram comments need the Graph API";
    }
    if (job.kind() == JobKind.INSIGHTS) {
      return PageRouteCollector.INSIGHTS_NEED_API;
    }
    TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
    if (target.type() == TargetRef.Type.ACCOUNT_ID) {
      return "Instagram's public pages are addressed by handle, not by numeric id";
    }
    if (target.type() == TargetRef.Type.POST_ID) {
      try {
        InstagramShortcodes.mediaId(target.value());
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  @Override
  protected Outcome collect(CollectionRun run, TargetRef target) {
    return switch (run.job().kind()) {
      case PROFILE -> profile(run, target.value());
      case POSTS -> posts(run, target.value());
      case POST -> post(run, target.value());
      case COMMENTS, INSIGHTS -> throw new IllegalStateException("not served here");
    };
  }

  private Outcome profile(CollectionRun run, String handle) {
    Step info = read(run, appRequest(profileInfoUrl(handle), PROFILE_INFO));
    if (info.ok()) {
      run.records().removeIf(r -> r instanceof PostRecord); // a profile job asked for the profile
      return Outcome.OK;
    }
    if (!FALL_BACK_TO_PAGE.contains(info.outcome())) {
      return info.outcome();
    }
    return read(run, PageRequest.get(profilePageUrl(handle), PROFILE_PAGE)).outcome();
  }

  private Outcome posts(CollectionRun run, String handle) {
    Step info = read(run, appRequest(profileInfoUrl(handle), PROFILE_INFO));
    if (!info.ok()) {
      return info.outcome();
    }
    if (Boolean.parseBoolean(info.next().value("isPrivate"))) {
      run.explain("@" + handle + " is a private account: its posts are not public");
      return Outcome.PRIVATE;
    }
    JobMessage job = run.job();
    run.dropBefore(job.options().since());
    int max = job.options().maxItemsOr(PROFILE_INFO_POSTS);
    int posts = 0;
    for (Iterator<NormalizedRecord> it = run.records().iterator(); it.hasNext(); ) {
      if (it.next() instanceof PostRecord && ++posts > max) {
        it.remove();
      }
    }
    return Outcome.OK;
  }

  private Outcome post(CollectionRun run, String shortcode) {
    String url =
        "https://i.instagram.com/api/v1/media/" + InstagramShortcodes.mediaId(shortcode) + "/info/";
    Step info = read(run, appRequest(url, MEDIA_INFO));
    if (info.ok() || !FALL_BACK_TO_PAGE.contains(info.outcome())) {
      return info.outcome();
    }
    return read(run, PageRequest.get(postPageUrl(shortcode), POST_PAGE)).outcome();
  }

  /** A request as Instagram's web app makes it to its own API. */
  private static PageRequest appRequest(String url, String pageType) {
    return PageRequest.get(url, pageType)
        .withHeader("X-IG-App-ID", WEB_APP_ID)
        .withHeader("X-Requested-With", "XMLHttpRequest")
        .withHeader("Accept", "application/json");
  }

  static String profileInfoUrl(String handle) {
    return "https://i.instagram.com/api/v1/users/web_profile_info/?username=" + handle;
  }

  static String profilePageUrl(String handle) {
    return "https://www.instagram.com/" + handle + "/";
  }

  static String postPageUrl(String shortcode) {
    return "https://www.instagram.com/p/" + shortcode + "/";
  }
}
