package dev.snscollector.launcher;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.fixtures.CaptureArchives;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureFormat;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.LooseCaptures;
import dev.snscollector.fixtures.Replay;
import dev.snscollector.parsers.ParserRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code ./collector fixtures}: the engineers' tools around fixtures. */
@Command(
    name = "fixtures",
    description = "Replay, record, approve and serve fixtures.",
    subcommands = {
      FixturesCommand.Serve.class,
      FixturesCommand.ReplayCommand.class,
      FixturesCommand.Approve.class,
      RecordCommand.class
    })
final class FixturesCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The local origin answering like the platforms from the fixtures. */
  @Command(name = "serve", description = "Serve the fixtures as the platforms would answer.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--dir", description = "Fixtures folder (default: the checkout's fixtures/)")
    Path dir = LoadRun.fixturesDir();

    @Option(names = "--port", defaultValue = "0", description = "Port (default: a free one)")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Added latency per request")
    long latencyMs;

    @Override
    public Integer call() throws InterruptedException {
      try (FixtureOrigin origin =
          FixtureOrigin.builder(dir)
              .port(port)
              .latency(Duration.ofMillis(latencyMs))
              .build()
              .start()) {
        System.out.println("Serving " + dir + " at " + origin.baseUrl());
        System.out.println(
            "  a platform URL https://HOST/PATH is served at " + origin.baseUrl() + "/HOST/PATH");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

  /** Replays fixtures or production captures through today's parsers. */
  @Command(
      name = "replay",
      description = {
        "Replay fixtures (a folder, default the checkout's fixtures/; loose saved pages and API",
        "responses in it are read too, their page type recognized) or production captures",
        "(s3://bucket/prefix: every .zip job object under it, e.g. s3://bucket/jobs/ or",
        "s3://bucket/drift/<pageType>/) and print a table per page type.",
        "Exit 0 when nothing changed or drifted, 1 otherwise."
      })
  static final class ReplayCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PATH|s3://bucket/prefix")
    @Nullable String source;

    @Override
    public Integer call() throws IOException {
      List<FixtureCase> cases =
          source != null && source.startsWith("s3://")
              ? fromS3(source)
              : fromFolder(source == null ? LoadRun.fixturesDir() : Path.of(source));
      // Plain loops, no lambdas over fixture types: picocli reflects on every command's methods,
      // lambdas included, and the images carry no fixtures module.
      ParserRegistry registry = ParserRegistry.defaults();
      List<Replay.Result> results = new ArrayList<>();
      boolean clean = true;
      for (FixtureCase c : cases) {
        Replay.Result r = Replay.replay(registry, c);
        results.add(r);
        clean &=
            r.status() != Replay.Status.CHANGED
                && r.status() != Replay.Status.DRIFT
                && r.status() != Replay.Status.UNRECOGNIZED;
      }
      System.out.print(Replay.table(results));
      return clean ? 0 : 1;
    }

    /**
     * Fixture cases (folders with meta.json), capture archives (.zip) and loose saved documents (a
     * page or API response in a file of its own, as other projects record them: read as a 200
     * response, its page type recognized) under {@code root}.
     */
    static List<FixtureCase> fromFolder(Path root) throws IOException {
      List<FixtureCase> out = new ArrayList<>();
      ParserRegistry registry = ParserRegistry.defaults();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p :
            walk.filter(
                    f ->
                        !root.relativize(f)
                            .toString()
                            .matches("(.*/)?(target|src)(/.*)?|pom\\.xml"))
                .sorted()
                .toList()) {
          String name = String.valueOf(p.getFileName());
          if (name.equals(FixtureFormat.META_FILE)) {
            out.add(
                FixtureStore.read(
                    java.util.Objects.requireNonNull(p.toAbsolutePath().getParent())));
          } else if (name.endsWith(".zip")) {
            out.addAll(CaptureArchives.read(p.toString(), Files.readAllBytes(p)));
          } else if (LooseCaptures.isDocument(p)
              && !Files.exists(p.resolveSibling(FixtureFormat.META_FILE))) {
            out.add(LooseCaptures.asCase(p, registry));
          }
        }
      }
      return out;
    }

    static List<FixtureCase> fromS3(String uri) {
      try (S3Client s3 = CliEnvironment.s3(CliEnvironment.get())) {
        return fromS3(s3, uri);
      }
    }

    /**
     * The captures of every job object ({@code .zip}: {@code jobs/<jobId>.zip}, {@code
     * drift/<pageType>/<jobId>.zip}, and the {@code captures.zip} of jobs stored before ADR 0007)
     * under an {@code s3://bucket/prefix}: one LIST per 1,000 keys and one GET per object.
     */
    static List<FixtureCase> fromS3(S3Client s3, String uri) {
      String rest = uri.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      List<FixtureCase> out = new ArrayList<>();
      for (S3Object o :
          s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        if (o.key().endsWith(".zip")) {
          byte[] zip = s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray();
          out.addAll(CaptureArchives.read("s3://" + bucket + "/" + o.key(), zip));
        }
      }
      return out;
    }
  }

  /** Accepts a case's changed output as its new expected records, after review. */
  @Command(
      name = "approve",
      description = "Accept a case's current parser output as its expected records.")
  static final class Approve implements Callable<Integer> {
    @Parameters(
        paramLabel = "CASE",
        description = "The case folder, e.g. fixtures/youtube/youtube.api.videos/not-found")
    Path caseDir = Path.of(".");

    @Override
    public Integer call() {
      if (!Files.exists(caseDir.resolve(FixtureFormat.META_FILE))) {
        System.err.println(caseDir + " is not a fixture case (no meta.json)");
        return 2;
      }
      FixtureCase fixture = FixtureStore.read(caseDir);
      ParserRegistry registry = ParserRegistry.defaults();
      Replay.Result result = Replay.replay(registry, fixture);
      if (result.status() == Replay.Status.UNCHANGED
          || (result.status() == Replay.Status.CLASSIFIED && fixture.expectedOutcome() != null)) {
        System.out.println(fixture.id() + ": unchanged, nothing to approve");
        return 0;
      }
      if (result.status() == Replay.Status.DRIFT || result.status() == Replay.Status.UNRECOGNIZED) {
        System.err.println(
            fixture.id()
                + ": "
                + result.status().name().toLowerCase(java.util.Locale.ROOT)
                + ", nothing to approve: fix the parser or its schema first");
        result.details().forEach(d -> System.err.println("  " + d));
        return 1;
      }
      result.details().forEach(d -> System.out.println("  " + d));
      Outcome outcome = result.classifiedAs();
      FixtureStore.write(caseDir, fixture.capture(), result.records(), outcome);
      System.out.println(
          fixture.id()
              + ": approved "
              + (outcome == null
                  ? result.records().size() + " records"
                  : "classification " + outcome.wireName()));
      return 0;
    }
  }
}
