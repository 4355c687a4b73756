package dev.snscollector.worker.naver;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.PageRouteCollector;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Naver Blog's public documents, over the crawl or the browser route (whichever {@link PageFetcher}
 * it is given); Naver offers no API for them.
 *
 * <ul>
 *   <li>profile: the mobile blog-info JSON {@code
 *       https://m.blog.naver.com/rego/BlogInfo.naver?blogId=<id>}, asked for as the mobile blog
 *       home's own script does, with that home as Referer (the endpoint refuses requests without
 *       one);
 *   <li>posts: the RSS feed {@code https://rss.blog.naver.com/<id>.xml}: the blog's profile record
 *       and its latest posts (the feed lists only the most recent ones), up to {@code
 *       options.maxItems} posts published at or after {@code options.since};
 *   <li>post: the mobile post page {@code
 *       https://m.blog.naver.com/PostView.naver?blogId=<id>&logNo=<no>}.
 * </ul>
 *
 * Comments load from Naver's separate comment service, which no parser reads: comments jobs are not
 * served. A missing blog or post is not found, a private post private, as the parsers classify.
 */
public final class NaverBlogCollector extends PageRouteCollector {
  /** Posts collected when the job does not say. */
  public static final int DEFAULT_MAX_ITEMS = 50;

  static final String PROFILE = PageTypes.NAVER_BLOG_PROFILE;
  static final String RSS = PageTypes.NAVER_BLOG_RSS;
  static final String POST = PageTypes.NAVER_BLOG_POST;

  private static final String MOBILE = "https://m.blog.naver.com";

  public NaverBlogCollector(PageFetcher pages, ParserRegistry parsers, Clock clock) {
    super(Platform.NAVER_BLOG, pages, parsers, clock);
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    return switch (job.kind()) {
      case COMMENTS ->
          "Naver Blog comments load from Naver's comment service, which is not read yet";
      case INSIGHTS -> PageRouteCollector.INSIGHTS_NEED_API;
      default -> null;
    };
  }

  @Override
  protected Outcome collect(CollectionRun run, TargetRef target) {
    return switch (run.job().kind()) {
      case PROFILE -> fetch(run, profile(target.value()));
      case POSTS -> posts(run, target.value());
      case POST ->
          fetch(
              run,
              PageRequest.get(
                  MOBILE
                      + "/PostView.naver?blogId="
                      + Objects.requireNonNull(target.parent(), "a post's blogId")
                      + "&logNo="
                      + target.value(),
                  POST));
      case COMMENTS, INSIGHTS -> throw new IllegalStateException("not served here");
    };
  }

  /** The blog-info request as the mobile blog home sends it. */
  static PageRequest profile(String blogId) {
    return PageRequest.get(MOBILE + "/rego/BlogInfo.naver?blogId=" + blogId, PROFILE)
        .withHeader("Referer", MOBILE + "/" + blogId)
        .withHeader("Accept", "application/json, text/plain, */*");
  }

  private Outcome posts(CollectionRun run, String blogId) {
    JobMessage job = run.job();
    Outcome outcome =
        fetch(run, PageRequest.get("https://rss.blog.naver.com/" + blogId + ".xml", RSS));
    if (outcome != Outcome.OK) {
      return outcome;
    }
    run.dropBefore(job.options().since());
    int max = job.options().maxItemsOr(DEFAULT_MAX_ITEMS);
    int posts = 0;
    // The feed lists newest first: keep the blog's profile record and the first `max` posts.
    for (Iterator<NormalizedRecord> it = run.records().iterator(); it.hasNext(); ) {
      if (it.next() instanceof PostRecord && ++posts > max) {
        it.remove();
      }
    }
    return Outcome.OK;
  }

  private Outcome fetch(CollectionRun run, PageRequest request) {
    return read(run, request).outcome();
  }
}
