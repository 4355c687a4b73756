package dev.snscollector.launcher;

import dev.snscollector.contracts.ResultEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./collector local}: the embedded stack left running for manual use, with one worker
 * pointed at the real platforms, or at the local origin with {@code --simulate}. Its environment is
 * written to {@code .collector/local/env} for {@code ./collector enqueue} and any AWS client.
 */
@Command(
    name = "local",
    description = "Keep the embedded stack and a worker running for manual use.")
final class LocalCommand implements Callable<Integer> {
  @Option(
      names = "--simulate",
      description = "Point the worker at the local origin instead of the real platforms.")
  boolean simulate;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Jobs at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createDirectories(LoadRun.home().resolve(".collector/local"));
    Path s3Dir = Files.createDirectories(dir.resolve("s3"));
    try (DemoStack stack =
        DemoStack.start(
            s3Dir,
            simulate ? LoadRun.fixturesDir() : null,
            Duration.ZERO,
            Duration.ofSeconds(60))) {
      Map<String, String> env = new TreeMap<>(stack.workerEnvironment(concurrency));
      String apiKey = System.getenv("YOUTUBE_API_KEY");
      if (!simulate && apiKey != null) {
        env.put("YOUTUBE_API_KEY", apiKey);
      }
      env.put("METRICS_PORT", "0");
      var worker = stack.startWorker(env);
      Thread main = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    main.interrupt();
                    stack.close();
                  },
                  "local-shutdown"));
      Map<String, String> shareable = new TreeMap<>(env);
      shareable.remove("YOUTUBE_API_KEY");
      Path envFile = dir.resolve("env");
      Files.writeString(
          envFile,
          shareable.entrySet().stream()
                  .map(e -> "export " + e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining("\n"))
              + "\n",
          StandardCharsets.UTF_8);
      System.out.println("Embedded stack running (Ctrl-C to stop).");
      shareable.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-22s %s%n", k, v));
      System.out.println(
          "Worker → "
              + (simulate
                  ? "the local origin (fixtures)"
                  : "the real platforms"
                      + (apiKey == null ? " (YOUTUBE_API_KEY unset: the API will refuse)" : "")));
      System.out.println("Worker metrics: http://127.0.0.1:" + worker.metricsPort() + "/metrics");
      System.out.println("Enqueue a job from another shell:");
      System.out.println(
          "  ./collector enqueue --platform youtube --kind profile --target @SomeHandle");
      System.out.println(
          "Use any AWS client:  source "
              + envFile
              + " && aws --endpoint-url $S3_ENDPOINT s3 ls s3://$BUCKET/jobs/");
      System.out.println("Result events as they arrive:");
      ResultCollector results = new ResultCollector(stack.sqs, stack.local.resultsQueueUrl());
      int seen = 0;
      while (!Thread.currentThread().isInterrupted()) {
        results.poll(Duration.ofSeconds(5));
        var all = results.all();
        for (int i = seen; i < all.size(); i++) {
          ResultEvent e = all.get(i);
          System.out.printf(
              Locale.ROOT,
              "  %s %s/%s → %s%s, %d records %s%n",
              e.jobId(),
              e.platform() == null ? "?" : e.platform().wireName(),
              e.kind() == null ? "?" : e.kind().wireName(),
              e.outcome().wireName(),
              e.detail() == null ? "" : " (" + e.detail() + ")",
              e.recordCount(),
              e.locations().records() == null ? "" : e.locations().records());
        }
        seen = all.size();
      }
      return 0;
    }
  }
}
