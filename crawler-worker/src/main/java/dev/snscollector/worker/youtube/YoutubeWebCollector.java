package dev.snscollector.worker.youtube;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.CollectionRun.Step;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.route.PageRouteCollector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * YouTube's public pages, over the crawl or the browser route (whichever {@link PageFetcher} it is
 * given): the channel page for a profile, the channel's videos tab for posts (further pages through
 * InnerTube's browse continuation, as the page itself would ask), the watch page for a post. The
 * pages are asked for in Korean ({@code hl=ko}), as the platform's creators see them.
 *
 * <p>Comments need the watch page's comment continuation token, which the watch parser does not
 * read yet; comments jobs are left to the API route.
 */
public final class YoutubeWebCollector extends PageRouteCollector {
  static final String SITE = "https://www.youtube.com";
  static final String CHANNEL = PageTypes.YOUTUBE_WEB_CHANNEL;
  static final String VIDEOS_TAB = PageTypes.YOUTUBE_WEB_VIDEOS_TAB;
  static final String WATCH = PageTypes.YOUTUBE_WEB_WATCH;

  /** The web client InnerTube continuations are sent as; YouTube accepts a recent version. */
  private static final String CLIENT_VERSION = "2.20260301.00.00";

  public YoutubeWebCollector(PageFetcher pages, ParserRegistry parsers, Clock clock) {
    super(Platform.YOUTUBE, pages, parsers, clock);
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    return switch (job.kind()) {
      case COMMENTS ->
          "comments are read through the API only (the watch page's comment token is not read)";
      case INSIGHTS -> PageRouteCollector.INSIGHTS_NEED_API;
      default -> null;
    };
  }

  @Override
  protected Outcome collect(CollectionRun run, TargetRef target) {
    return switch (run.job().kind()) {
      case PROFILE -> read(run, PageRequest.get(channelUrl(target) + "?hl=ko", CHANNEL)).outcome();
      case POSTS -> posts(run, target);
      case POST -> post(run, target);
      case COMMENTS, INSIGHTS -> throw new IllegalStateException("not served here");
    };
  }

  private Outcome posts(CollectionRun run, TargetRef target) {
    JobMessage job = run.job();
    int max = job.options().maxItemsOr(YoutubeApiCollector.DEFAULT_MAX_ITEMS);
    Instant since = job.options().since();
    Step page = read(run, PageRequest.get(channelUrl(target) + "/videos?hl=ko", VIDEOS_TAB));
    while (page.ok()) {
      boolean olderThanWanted = run.reachedSince(page);
      String token = page.next().nextPageToken();
      if (token == null || run.postCount() >= max || olderThanWanted) {
        break;
      }
      page = continuation(run, token);
    }
    if (!page.ok()) {
      return page.outcome();
    }
    run.dropBefore(since);
    // The first page's header also gives the channel's profile: kept beside the posts.
    run.keepFirstPosts(max);
    return Outcome.OK;
  }

  private Outcome post(CollectionRun run, TargetRef target) {
    return read(run, PageRequest.get(SITE + "/watch?v=" + target.value() + "&hl=ko", WATCH))
        .outcome();
  }

  /** The next page of the videos tab: what the page's own script posts to InnerTube. */
  private Step continuation(CollectionRun run, String token) {
    ObjectNode body = dev.snscollector.contracts.Json.MAPPER.createObjectNode();
    ObjectNode client = body.putObject("context").putObject("client");
    client.put("clientName", "WEB").put("clientVersion", CLIENT_VERSION);
    client.put("hl", "ko").put("gl", "KR");
    body.put("continuation", token);
    PageRequest request =
        PageRequest.postJson(
                SITE + "/youtubei/v1/browse?prettyPrint=false",
                body.toString().getBytes(StandardCharsets.UTF_8),
                VIDEOS_TAB)
            .withHeader("X-Youtube-Client-Name", "1")
            .withHeader("X-Youtube-Client-Version", CLIENT_VERSION);
    return read(run, request);
  }

  static String channelUrl(TargetRef target) {
    return switch (target.type()) {
      case HANDLE -> SITE + "/@" + target.value();
      case ACCOUNT_ID -> SITE + "/channel/" + target.value();
      case LEGACY_USERNAME -> SITE + "/user/" + target.value();
      case POST_ID -> throw new IllegalArgumentException("a channel page needs a channel");
    };
  }
}
