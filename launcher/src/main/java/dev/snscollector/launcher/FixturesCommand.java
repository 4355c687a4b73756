package dev.snscollector.launcher;

import dev.snscollector.fixtures.FixtureOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./collector fixtures}: the engineers' tools around fixtures. */
@Command(
    name = "fixtures",
    description = "Work with fixtures.",
    subcommands = {FixturesCommand.Serve.class})
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
            "  YouTube Data API base URL: " + origin.baseUrl() + "/www.googleapis.com/youtube/v3");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }
}
