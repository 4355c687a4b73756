package dev.snscollector.launcher;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureTargets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The demo's workload over the four platforms: a cycle of {@value #CYCLE} jobs repeated up to the
 * count asked for. Targets come from the fixtures ({@code fixtures/}) and the demo's own pages
 * ({@code launcher/demo-site}, whose README lists them): API jobs with the app key (YouTube) and
 * with creators' tokens (YouTube, Instagram, TikTok), crawl jobs on public pages (all four; Naver
 * Blog has no API), a few targets that do not exist, and one TikTok profile whose page has drifted.
 * The Instagram creator's token is the one the origin revokes mid-run. ({@code bench} keeps {@link
 * DemoJobs}, YouTube Data API jobs alone.)
 */
final class DemoWorkload {
  /** Jobs in one cycle of the workload; the first {@value} cover every case. */
  static final int CYCLE = 30;

  /** The drifted page's target (its page is {@code demo-site/tiktok/tiktok.web.profile/...}). */
  static final String DRIFTED_TARGET = "@dal.bit.studio";

  /** A creator whose token the demo stores through the API before it submits jobs. */
  record Creator(Platform platform, String accountId, String handle, String token) {
    @Override
    public String toString() {
      return "Creator[" + platform.wireName() + "/" + accountId + ", token=<redacted>]";
    }
  }

  /**
   * @param jobs the jobs, {@code <runId>-<n>}
   * @param creators the creators whose tokens the jobs use
   * @param revoked the creator whose token is revoked mid-run
   * @param revokedJobs the jobs that use the revoked creator's token
   */
  record Workload(List<JobMessage> jobs, List<Creator> creators, Creator revoked, int revokedJobs) {
    /** API calls the revoked token is good for: half of its jobs' (each makes one call). */
    int acceptedCalls() {
      return Math.max(1, (revokedJobs + 1) / 2);
    }
  }

  private enum Who {
    APP_KEY,
    YOUTUBE_CREATOR,
    INSTAGRAM_CREATOR,
    TIKTOK_CREATOR,
    PUBLIC
  }

  private record Template(
      Platform platform, JobKind kind, @Nullable String target, Who who, List<Route> routes) {}

  private static final List<Route> CRAWL_ONLY = List.of(Route.CRAWL);

  /** The cycle; a null target is the next YouTube channel of the fixtures. */
  private static final List<Template> TEMPLATES =
      List.of(
          yt(JobKind.POSTS, null, Who.APP_KEY),
          ig(JobKind.PROFILE, "harbor.bread.lab", Who.INSTAGRAM_CREATOR),
          tt(JobKind.PROFILE, "@hanbit.dance", Who.TIKTOK_CREATOR),
          nb(JobKind.PROFILE, "haneul_kitchen"),
          yt(JobKind.PROFILE, null, Who.APP_KEY),
          ig(JobKind.POSTS, "harbor.bread.lab", Who.INSTAGRAM_CREATOR),
          tt(JobKind.PROFILE, DRIFTED_TARGET, Who.PUBLIC),
          nb(JobKind.POSTS, "haneul_kitchen"),
          yt(JobKind.PROFILE, "UCBChB4IQJ0F0hdob7NmvSaA", Who.YOUTUBE_CREATOR),
          ig(JobKind.PROFILE, "harbor.bread.lab", Who.PUBLIC),
          tt(JobKind.POSTS, "@hanbit.dance", Who.TIKTOK_CREATOR),
          nb(JobKind.POST, "haneul_kitchen/224100000003"),
          yt(JobKind.POSTS, null, Who.APP_KEY),
          ig(JobKind.PROFILE, "harbor.bread.lab", Who.INSTAGRAM_CREATOR),
          tt(JobKind.PROFILE, "@hanbit.dance", Who.PUBLIC),
          nb(JobKind.POSTS, "trailrunner_kim"),
          new Template(
              Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen", Who.PUBLIC, CRAWL_ONLY),
          ig(JobKind.POST, "https://www.instagram.com/reel/DFsC_ik7rqK/", Who.PUBLIC),
          tt(
              JobKind.POST,
              "https://www.tiktok.com/@hanbit.dance/video/7345678901234567890",
              Who.PUBLIC),
          nb(JobKind.PROFILE, "empty_shelf_22"),
          yt(JobKind.PROFILE, null, Who.APP_KEY),
          ig(JobKind.POSTS, "harbor.bread.lab", Who.INSTAGRAM_CREATOR),
          yt(JobKind.POSTS, "UCBChB4IQJ0F0hdob7NmvSaA", Who.YOUTUBE_CREATOR),
          nb(JobKind.POST, "haneul_kitchen/224000000010"),
          new Template(Platform.YOUTUBE, JobKind.POSTS, "@hanbit.kitchen", Who.PUBLIC, CRAWL_ONLY),
          ig(JobKind.PROFILE, "no.such.handle.kr", Who.PUBLIC),
          yt(JobKind.PROFILE, "@no-such-channel", Who.APP_KEY),
          nb(JobKind.PROFILE, "no_such_blog_404"),
          yt(JobKind.POSTS, null, Who.APP_KEY),
          ig(JobKind.PROFILE, "quiet.room.studio", Who.PUBLIC));

  private DemoWorkload() {}

  static Workload generate(Path fixtures, int count, String runId) {
    List<String> channels = FixtureTargets.youtubeChannels(fixtures);
    if (channels.isEmpty()) {
      throw new IllegalStateException("no YouTube channel fixtures under " + fixtures);
    }
    SecureRandom random = new SecureRandom();
    Creator youtube =
        new Creator(
            Platform.YOUTUBE, "UCBChB4IQJ0F0hdob7NmvSaA", "@hanbit.kitchen", token(random, "ya29"));
    Creator instagram =
        new Creator(
            Platform.INSTAGRAM, "17841400000000505", "harbor.bread.lab", token(random, "IGAA"));
    Creator tiktok =
        new Creator(
            Platform.TIKTOK,
            "-000AbCdEfGhIjKlMnOpQrStUvWxYz0123456",
            "@hanbit.dance",
            token(random, "act"));
    List<JobMessage> jobs = new ArrayList<>(count);
    int nextChannel = 0;
    int revokedJobs = 0;
    for (int i = 0; i < count; i++) {
      Template t = TEMPLATES.get(i % CYCLE);
      String target = t.target();
      if (target == null) {
        target = channels.get(nextChannel++ % channels.size());
      } else if (target.equals("@no-such-channel")) {
        target = target + "-" + i;
      }
      Creator creator =
          switch (t.who()) {
            case YOUTUBE_CREATOR -> youtube;
            case INSTAGRAM_CREATOR -> instagram;
            case TIKTOK_CREATOR -> tiktok;
            case APP_KEY, PUBLIC -> null;
          };
      if (creator == instagram) {
        revokedJobs++;
      }
      jobs.add(
          new JobMessage(
              JobMessage.SCHEMA_VERSION,
              runId + "-" + i,
              t.platform(),
              t.kind(),
              target,
              creator == null ? null : ApiClient.account(creator.accountId()),
              new JobMessage.JobOptions(null, null, t.routes()),
              null,
              Map.of("demo", runId)));
    }
    return new Workload(jobs, List.of(youtube, instagram, tiktok), instagram, revokedJobs);
  }

  /** A made-up token for one run, shaped like the platform's. */
  private static String token(SecureRandom random, String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + ".demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Template yt(JobKind kind, @Nullable String target, Who who) {
    return new Template(Platform.YOUTUBE, kind, target, who, List.of());
  }

  private static Template ig(JobKind kind, String target, Who who) {
    return new Template(Platform.INSTAGRAM, kind, target, who, List.of());
  }

  private static Template tt(JobKind kind, String target, Who who) {
    return new Template(Platform.TIKTOK, kind, target, who, List.of());
  }

  private static Template nb(JobKind kind, String target) {
    return new Template(Platform.NAVER_BLOG, kind, target, Who.PUBLIC, List.of());
  }
}
