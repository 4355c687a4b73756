package dev.snscollector.benchmarks;

import dev.snscollector.capture.Capture;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One document of a page type through the whole pipeline, single thread: classify, extract,
 * structure schema check (value contract included), map, and the checks of every record against the
 * record schema and the record contract. The document is the page type's largest fixture, or, with
 * {@code -p inflateTo=BYTES}, that fixture grown by {@link Inflate} to about that size. Run: {@code
 * ./collector jmh} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class PageTypeBenchmark {
  @Param({
    "instagram.graph.business_discovery",
    "instagram.graph.comments",
    "instagram.graph.media",
    "instagram.graph.media_insights",
    "instagram.graph.media_list",
    "instagram.graph.user",
    "instagram.graph.user_insights",
    "instagram.web.media_info",
    "instagram.web.post_page",
    "instagram.web.profile_info",
    "instagram.web.profile_page",
    "naver_blog.post",
    "naver_blog.profile",
    "naver_blog.rss",
    "tiktok.api.user_info",
    "tiktok.api.video_list",
    "tiktok.api.video_query",
    "tiktok.web.profile",
    "tiktok.web.video",
    "youtube.api.channels",
    "youtube.api.comment_threads",
    "youtube.api.playlist_items",
    "youtube.api.videos",
    "youtube.web.channel",
    "youtube.web.comments",
    "youtube.web.videos_tab",
    "youtube.web.watch"
  })
  public String pageType = "";

  /** 0: the fixture as it is; otherwise grow it to about this many bytes. */
  @Param({"0"})
  public int inflateTo;

  @SuppressWarnings("NullAway.Init") // set in setUp, before any benchmark call
  private PageParser parser;

  /**
   * A saved document to use instead of the fixture (e.g. a real capture under ../shared/realdata,
   * read where it lies, never copied into the project); empty for the fixture.
   */
  @Param({""})
  public String file = "";

  @SuppressWarnings("NullAway.Init")
  private Capture capture;

  @SuppressWarnings("NullAway.Init")
  private ParseContext context;

  @Setup
  public void setUp() {
    FixtureStore store =
        FixtureStore.load(Path.of(System.getProperty("sns.fixtures.dir", "fixtures")));
    FixtureCase largest =
        store.forPageType(pageType).stream()
            .filter(c -> c.expectedOutcome() == null)
            .max(Comparator.comparingInt(c -> c.capture().body().length))
            .orElseThrow(
                () -> new IllegalStateException("no fixture with records for " + pageType));
    parser = ParserRegistry.defaults().byId(pageType).orElseThrow();
    if (!file.isEmpty()) {
      capture = fromFile(Path.of(file));
    } else {
      capture = inflateTo > 0 ? Inflate.to(largest.capture(), inflateTo) : largest.capture();
    }
    context = largest.context();
    if (!(parser.parse(capture, context) instanceof ParseResult.Parsed parsed)) {
      throw new IllegalStateException(pageType + ": the benchmark document does not parse");
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "%n[document] %s %s: %d bytes, %d records%n",
        pageType,
        file.isEmpty() ? largest.name() : file,
        capture.body().length,
        parsed.records().size());
  }

  private Capture fromFile(Path path) {
    try {
      return new Capture(
          path.toUri().toString(),
          "GET",
          200,
          java.util.Map.of(
              "content-type", path.toString().endsWith(".json") ? "application/json" : "text/html"),
          java.nio.file.Files.readAllBytes(path),
          java.time.Instant.parse("2026-01-01T00:00:00Z"),
          pageType);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The whole parse as a worker runs it: classify, extract, structure schema (value contract
   * included), map, and the record checks (record schema and record contract) that every parse now
   * ends with.
   */
  @Benchmark
  public int process() {
    ParseResult result = parser.parse(capture, context);
    if (!(result instanceof ParseResult.Parsed parsed)) {
      throw new IllegalStateException(pageType + ": " + result);
    }
    return parsed.records().size();
  }
}
