package dev.snscollector.benchmarks;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureArchive;
import dev.snscollector.capture.CaptureScrubber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * What the worker does with a fetched page after parsing it, single thread: scrub its credentials
 * ({@link CaptureScrubber}), encode it in the capture format and compress it into the job's archive
 * ({@link CaptureArchive.Writer}). The document is a real page read where it lies (default: the 543
 * KB TikTok profile page under {@code ../shared/realdata}), never copied into the project. Run:
 * {@code ./collector jmh CapturePathBenchmark} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class CapturePathBenchmark {
  @Param({"../shared/realdata/tiktok-web/metascraper__profile.html"})
  public String file = "";

  @Param({"tiktok.web.profile"})
  public String pageType = "";

  @SuppressWarnings("NullAway.Init") // set in setUp
  private Capture capture;

  @Setup
  public void setUp() {
    try {
      capture =
          new Capture(
              "https://www.tiktok.com/@bench",
              "GET",
              200,
              Map.of("content-type", "text/html; charset=utf-8", "set-cookie", "ttwid=secret"),
              Files.readAllBytes(Path.of(file)),
              Instant.parse("2026-12-01T00:00:00Z"),
              pageType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] zip = archive();
    System.out.printf(
        java.util.Locale.ROOT,
        "%n[document] %s: %d bytes, archived in %d bytes%n",
        file,
        capture.body().length,
        zip.length);
  }

  /** Scrubbing alone. */
  @Benchmark
  public Capture scrub() {
    return CaptureScrubber.withoutCredentials(capture, List.of("creator-token-0123456789"));
  }

  /** The whole capture path: scrub, encode, compress into a finished archive. */
  @Benchmark
  public byte[] archive() {
    CaptureArchive.Writer writer =
        new CaptureArchive.Writer(List.of("creator-token-0123456789"), type -> 1);
    writer.add(capture);
    return writer.finish();
  }
}
