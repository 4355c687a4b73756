package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./collector demo} for real, two cycles of its workload: the embedded stack, the API, two
 * workers, the local origin with the fixtures and the demo's pages.
 */
class DemoCommandTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));

  private record Run(int code, String out) {}

  private static Run run(String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new CollectorCli()).execute(args);
      return new Run(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void theDemoRunsTheFourPlatformsOverTheirRoutesWithAFallbackAndADriftReportOffline(
      @TempDir Path home) throws Exception {
    System.setProperty("collector.home", home.toString());
    System.setProperty("collector.fixtures", PROJECT.resolve("fixtures").toString());
    System.setProperty("collector.demo-site", PROJECT.resolve("launcher/demo-site").toString());

    Run demo = run("demo", "--jobs", "60", "--latency-ms", "0");
    String out = demo.out();

    assertThat(demo.code()).as(out).isZero();
    // Two cycles of 30: every job ends, and the same targets always end the same way.
    assertThat(out)
        .contains("60 enqueued, 60 with an outcome")
        .contains("by outcome:  [ok 50, not_found 6, private 2, structure_changed 2]");

    // Outcomes by platform and by the route that ended each job.
    assertThat(row(out, "youtube", "api")).isEqualTo("16  ok 14, not_found 2");
    assertThat(row(out, "youtube", "crawl")).isEqualTo("4  ok 4");
    assertThat(row(out, "instagram", "api")).isEqualTo("4  ok 4");
    assertThat(row(out, "instagram", "crawl")).isEqualTo("12  ok 10, not_found 2");
    assertThat(row(out, "tiktok", "api")).isEqualTo("4  ok 4");
    assertThat(row(out, "tiktok", "crawl")).isEqualTo("6  ok 4, structure_changed 2");
    assertThat(row(out, "naver_blog", "crawl")).isEqualTo("14  ok 10, not_found 2, private 2");

    // The Instagram token the origin revoked after 4 Graph calls: the other 4 of its jobs, all
    // sent with the token before the API heard of the revocation, fell back to the crawl.
    assertThat(out)
        .containsPattern("instagram  api token_invalid → crawl ok +4 jobs, e\\.g\\. GET /v1/jobs/")
        .contains("accepted it for 4 calls, then refused 4 as a revoked token")
        .contains("4 of its jobs: api ok")
        .contains("4 of its jobs: api token_invalid → crawl ok")
        .contains("GET /v1/accounts/instagram/17841400000000505 → invalid (token_invalid)");

    // The drifted page: reported by page type and path, kept under drift/ on S3 (on disk here).
    assertThat(out)
        .contains("page type tiktok.web.profile")
        .contains("2 jobs on https://www.tiktok.com/@dal.bit.studio")
        .contains(
            "failing path /__DEFAULT_SCOPE__/webapp.user-detail/userInfo/statsV2/followerCount");
    Matcher kept =
        Pattern.compile(
                "page kept at s3://sns-collector/(drift/tiktok\\.web\\.profile/demo-[a-z0-9]+-\\d+"
                    + "\\.zip)")
            .matcher(out);
    assertThat(kept.find()).as(out).isTrue();
    Path s3 = home.resolve(".collector/demo/s3/sns-collector");
    Path driftZip = s3.resolve(kept.group(1));
    assertThat(driftZip).isRegularFile();
    try (Stream<Path> drifted = Files.list(driftZip.getParent())) {
      assertThat(drifted).hasSize(2);
    }
    // The summary's advice works: the kept page replays as drift at the same path.
    Run replay = run("fixtures", "replay", driftZip.toString());
    assertThat(replay.code()).as(replay.out()).isEqualTo(1);
    assertThat(replay.out()).contains("/userInfo/statsV2/followerCount");

    try (Stream<Path> files = Files.walk(s3.resolve("jobs"))) {
      // One object per job (ADR 0007); the 50 that succeeded hold their records.
      assertThat(
              files
                  .filter(p -> p.getFileName().toString().endsWith(".zip"))
                  .filter(DemoCommandTest::holdsRecords)
                  .count())
          .as("a records entry per ok job")
          .isEqualTo(50);
    }

    // Offline: every fetch the result events count was answered by the local origin, and the
    // JVM never looked up a name outside this machine (reaching a platform starts with its name).
    Matcher answered =
        Pattern.compile("it answered (\\d+) requests; the jobs' result events count (\\d+) fetches")
            .matcher(out);
    assertThat(answered.find()).as(out).isTrue();
    assertThat(answered.group(1)).isEqualTo(answered.group(2));
    assertThat(out)
        .contains("graph.facebook.com")
        .contains("open.tiktokapis.com")
        .contains("rss.blog.naver.com");
    assertThat(RecordingResolverProvider.INSTALLED).as("the recording resolver is in use").isTrue();
    Set<String> local =
        Set.of("localhost", InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
    assertThat(RecordingResolverProvider.LOOKED_UP).isSubsetOf(local);
  }

  /** The jobs and outcomes of one platform-and-route row of the summary, e.g. "4 ok 4". */
  private static String row(String out, String platform, String route) {
    Matcher m = Pattern.compile("(?m)^  " + platform + " +" + route + " +(\\d+  .*)$").matcher(out);
    assertThat(m.find()).as(platform + " " + route + " in\n" + out).isTrue();
    return m.group(1).strip();
  }

  private static boolean holdsRecords(Path zip) {
    try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
      return file.getEntry(dev.snscollector.capture.S3Layout.RECORDS_ENTRY) != null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
