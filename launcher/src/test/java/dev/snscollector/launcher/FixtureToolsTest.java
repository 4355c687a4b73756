package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.fixtures.Replay;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import dev.snscollector.worker.store.CancelledJobsWatch;
import dev.snscollector.worker.store.JobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

/** The engineers' tools: parse, replay, approve and record. */
class FixtureToolsTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");

  private record Run(int code, String out, String err) {}

  private static Run run(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = System.out;
    PrintStream e = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = new CommandLine(command).execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  @Test
  void replayReadsTheCapturesOfJobObjectsAndDriftObjectsFromS3() {
    FixtureCase channel =
        FixtureStore.read(FIXTURES.resolve("youtube/youtube.api.channels/bada-walk-by-id"));
    Capture drifted =
        new Capture(
            channel.capture().url(),
            "GET",
            200,
            channel.capture().headers(),
            channel
                .capture()
                .bodyText()
                .replace("\"subscriberCount\"", "\"subscribers\"")
                .getBytes(StandardCharsets.UTF_8),
            channel.capture().fetchedAt(),
            channel.pageType());
    try (LocalStack local = LocalStack.start();
        S3Client s3 =
            AwsClients.s3(
                local.s3Endpoint(),
                local.region(),
                new WorkerConfig.AwsKeys(
                    local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
      // Written by the worker's own store, as a job and as a drifted job.
      JobStore store =
          new JobStore(
              s3,
              local.bucket(),
              pageType -> null,
              new CancelledJobsWatch(
                  s3,
                  local.bucket(),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(30),
                  Clock.systemUTC()));
      store.put("replay-1", List.of(channel.capture()), channel.expected(), null, List.of());
      store.put("replay-2", List.of(drifted), null, channel.pageType(), List.of());

      List<FixtureCase> jobs =
          FixturesCommand.ReplayCommand.fromS3(s3, "s3://" + local.bucket() + "/jobs/");
      assertThat(jobs)
          .singleElement()
          .satisfies(c -> assertThat(c.name()).contains("jobs/replay-1.zip"));
      Replay.Result parsed = Replay.replay(ParserRegistry.defaults(), jobs.getFirst());
      assertThat(parsed.status()).isEqualTo(Replay.Status.PARSED);
      assertThat(parsed.records())
          .extracting(NormalizedRecord::platformId)
          .containsExactlyElementsOf(
              channel.expected().stream().map(NormalizedRecord::platformId).toList());

      List<FixtureCase> drift =
          FixturesCommand.ReplayCommand.fromS3(
              s3, "s3://" + local.bucket() + "/drift/" + channel.pageType() + "/");
      assertThat(drift)
          .singleElement()
          .satisfies(c -> assertThat(c.pageType()).isEqualTo(channel.pageType()));
      assertThat(Replay.replay(ParserRegistry.defaults(), drift.getFirst()).status())
          .isEqualTo(Replay.Status.DRIFT);
    }
  }

  @Test
  void parseTurnsARenamedValueIntoDriftClassifiesRefusalsAndAsksForMissingContext(@TempDir Path tmp)
      throws IOException {
    // A channel whose subscriber count key was renamed: before value contracts this parsed to a
    // profile with followers null; now it is drift naming the path, and no record is written.
    Path renamed = tmp.resolve("renamed.json");
    Files.writeString(
        renamed,
        Files.readString(FIXTURES.resolve("youtube/youtube.api.channels/bada-walk-by-id/body.json"))
            .replace("\"subscriberCount\"", "\"subscribers\""));
    Run drift = run(new CollectorCli(), "parse", renamed.toString());
    assertThat(drift.code()).isEqualTo(3);
    assertThat(drift.out()).isEmpty();
    assertThat(drift.err()).contains("drift at /items/0/statistics/subscriberCount");

    // Google's unusual-traffic page names no page type: it is classified, exit 4.
    Path sorry = tmp.resolve("sorry.html");
    Files.copy(
        FIXTURES.resolve("youtube/youtube.web.watch/sorry-page-unusual-traffic/body.html"), sorry);
    Run refusal = run(new CollectorCli(), "parse", sorry.toString());
    assertThat(refusal.code()).isEqualTo(4);
    assertThat(refusal.err())
        .contains("a refusal or error page")
        .contains("\"outcome\":\"blocked\"");

    // A comment continuation names its video only in the request: without --url, exit 64.
    Path comments = tmp.resolve("next.json");
    Files.copy(
        FIXTURES.resolve("youtube/youtube.web.comments/tteokbokki-first-page/body.json"), comments);
    Run usage = run(new CollectorCli(), "parse", comments.toString());
    assertThat(usage.code()).isEqualTo(64);
    assertThat(usage.err()).contains("the video id").contains("--url");
    Run withUrl =
        run(
            new CollectorCli(),
            "parse",
            "--url",
            "https://www.youtube.com/youtubei/v1/next?v=abcdefghijk",
            comments.toString());
    assertThat(withUrl.code()).isZero();
    assertThat(withUrl.out().lines())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("\"postId\":\"abcdefghijk\""));

    Path other = tmp.resolve("other.html");
    Files.writeString(other, "<html><body>hello</body></html>");
    assertThat(run(new CollectorCli(), "parse", other.toString()).code()).isEqualTo(2);
  }

  @Test
  void parseRecognizesTheDocumentAndAnswersWithTheDocumentedExitCodes(@TempDir Path tmp)
      throws IOException {
    Path channels = FIXTURES.resolve("youtube/youtube.api.channels/hanbit-kitchen-by-handle");
    Run ok = run(new CollectorCli(), "parse", channels.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.err()).contains("recognized as youtube.api.channels");
    assertThat(ok.out().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"type\":\"profile\""));

    Path drifted = tmp.resolve("changed.json");
    Files.writeString(
        drifted,
        "{\"kind\":\"youtube#channelListResponse\",\"items\":[{\"kind\":\"youtube#channel\",\"id\":\"UCaaaaaaaaaaaaaaaaaaaaaa\",\"snippetV2\":{}}]}",
        StandardCharsets.UTF_8);
    Run drift = run(new CollectorCli(), "parse", drifted.toString());
    assertThat(drift.code()).isEqualTo(3);
    assertThat(drift.err()).contains("\"path\":\"/items/0/snippet\"").contains("snippetV2");
    assertThat(drift.out()).isEmpty();

    assertThat(
            run(
                    new CollectorCli(),
                    "parse",
                    FIXTURES.resolve("youtube/youtube.api.channels/quota-exceeded").toString())
                .code())
        .isEqualTo(4);
    assertThat(
            run(
                    new CollectorCli(),
                    "parse",
                    FIXTURES.resolve("youtube/youtube.api.videos/not-found").toString())
                .code())
        .isEqualTo(5);

    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "just some notes", StandardCharsets.UTF_8);
    Run unknown = run(new CollectorCli(), "parse", text.toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unrecognized document");
  }

  @Test
  void replayShowsAChangedOutputWithItsFieldDiffAndApproveAcceptsIt(@TempDir Path tmp)
      throws IOException {
    Path copy = tmp.resolve("youtube/youtube.api.videos");
    copyTree(FIXTURES.resolve("youtube/youtube.api.videos"), copy);
    Path caseDir = copy.resolve("bada-walk-short-and-long");
    Path expected = caseDir.resolve("expected.jsonl");
    String original = Files.readString(expected, StandardCharsets.UTF_8);
    String edited = original.replaceFirst("\"views\":(\\d+)", "\"views\":1");
    assertThat(edited).isNotEqualTo(original);
    Files.writeString(expected, edited, StandardCharsets.UTF_8);

    Run changed = run(new CollectorCli(), "fixtures", "replay", tmp.toString());
    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.out()).containsPattern("youtube\\.api\\.videos\\s+\\d+\\s+\\d+\\s+1\\s+0");
    assertThat(changed.out())
        .contains("changed: youtube.api.videos/bada-walk-short-and-long")
        .contains("/views: 1 → ");

    Run approved = run(new CollectorCli(), "fixtures", "approve", caseDir.toString());
    assertThat(approved.code()).isZero();
    assertThat(Files.readString(expected, StandardCharsets.UTF_8)).isEqualTo(original);
    assertThat(run(new CollectorCli(), "fixtures", "replay", tmp.toString()).code()).isZero();
  }

  @Test
  void recordFetchesThroughTheProxyAndWritesAScrubbedCaseThatReplaysUnchanged(@TempDir Path tmp)
      throws IOException {
    try (FixtureOrigin origin = FixtureOrigin.builder(FIXTURES).build().start();
        LocalForwardProxy proxy = new LocalForwardProxy()) {
      String url =
          origin.baseUrl()
              + "/www.googleapis.com/youtube/v3/channels?part=snippet,contentDetails,statistics&forHandle=bada.walk&key=SECRET-API-KEY";
      Run recorded =
          run(
              new CollectorCli(),
              "fixtures",
              "record",
              "--url",
              url,
              "--name",
              "bada",
              "--dir",
              tmp.toString(),
              "--proxy",
              "http://127.0.0.1:" + proxy.port());

      assertThat(recorded.code()).as(recorded.err()).isZero();
      assertThat(proxy.forwarded.get())
          .as("fetched through the proxy: " + recorded.out() + recorded.err())
          .isEqualTo(1);
      assertThat(recorded.out() + recorded.err()).doesNotContain("SECRET-API-KEY");
      Path caseDir = tmp.resolve("youtube/youtube.api.channels/bada");
      assertThat(Files.readString(caseDir.resolve("meta.json"), StandardCharsets.UTF_8))
          .doesNotContain("SECRET-API-KEY")
          .contains("forHandle=bada.walk");
      assertThat(Files.readString(caseDir.resolve("expected.jsonl"), StandardCharsets.UTF_8))
          .contains("\"type\":\"profile\"");
      assertThat(run(new CollectorCli(), "fixtures", "replay", tmp.toString()).code()).isZero();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
