package dev.snscollector.launcher;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.Printable;
import dev.snscollector.worker.browser.BrowserConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./collector local}: the embedded stack left running for manual use: collector-api on
 * PostgreSQL (data kept under {@code .collector/local/postgres}) and one worker pointed at the real
 * platforms, or with {@code --simulate} at the local origin for every route (the three APIs, the
 * crawl, and the browser where Chromium is present), with politeness that suits a local origin.
 * Prints the API's URL and a development key, writes the environment to {@code
 * .collector/local/env}, and prints jobs as they finish.
 */
@Command(
    name = "local",
    description = "Keep collector-api, the embedded stack and a worker running for manual use.")
final class LocalCommand implements Callable<Integer> {
  @Option(
      names = "--simulate",
      description =
          "Point every route of the worker (the APIs, the crawl, the browser where Chromium is"
              + " present) at the local origin instead of the real platforms.")
  boolean simulate;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Jobs at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--api-port",
      defaultValue = "8080",
      description = "The API's port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int apiPort;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createDirectories(LoadRun.home().resolve(".collector/local"));
    Path s3Dir = Files.createDirectories(dir.resolve("s3"));
    boolean browser = simulate && DemoStack.chromiumPresent();
    try (DemoStack stack =
        DemoStack.start(
            s3Dir,
            simulate ? LoadRun.fixturesDir() : null,
            Duration.ZERO,
            Duration.ofSeconds(60),
            Map.of("TOKEN_KEYS_FILE", tokenKeyFile(dir).toString()),
            // A lambda over FixtureOrigin's types here would put them in this class's method
            // signatures, and picocli reads those in images that ship without the fixtures module.
            simulate ? DemoSite.load(DemoSite.dir()).interceptor(null) : null)) {
      CollectorApi api = stack.startApi(dir.resolve("postgres"), apiPort, Map.of());
      String key = DemoStack.developmentKey(api);
      Map<String, String> env =
          new TreeMap<>(
              simulate
                  ? stack.workerEnvironmentOnOrigin(concurrency, browser)
                  : stack.workerEnvironment(concurrency));
      String youtubeKey = System.getenv("YOUTUBE_API_KEY");
      if (!simulate && youtubeKey != null) {
        env.put("YOUTUBE_API_KEY", youtubeKey);
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
      shareable.put("COLLECTOR_API_URL", api.localUrl().toString());
      shareable.put("COLLECTOR_API_KEY", key);
      Path envFile = dir.resolve("env");
      Files.writeString(
          envFile,
          shareable.entrySet().stream()
                  .map(e -> "export " + e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining("\n"))
              + "\n",
          StandardCharsets.UTF_8);
      ownerOnly(envFile); // it holds the API key and the stand-ins' AWS keys
      System.out.println("collector-api: " + api.localUrl());
      System.out.println("development key (every scope): " + key);
      System.out.println("  the API's document: " + api.localUrl() + "/openapi.json");
      System.out.println("Embedded stack running (Ctrl-C to stop).");
      shareable.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-22s %s%n", k, v));
      if (simulate) {
        System.out.println(
            "Worker → the local origin "
                + Objects.requireNonNull(stack.origin, "origin").baseUrl()
                + " (the fixtures and launcher/demo-site) for every route: the YouTube, Graph and"
                + " TikTok APIs, and the public pages over the crawl route"
                + (browser
                    ? " and the browser route (Chromium at "
                        + BrowserConfig.DEFAULT_EXECUTABLE
                        + ")"
                    : " (no browser route: no Chromium at "
                        + BrowserConfig.DEFAULT_EXECUTABLE
                        + ")"));
        System.out.println(
            "  politeness for a local origin: direct, no proxies, no per-domain interval, "
                + concurrency
                + " fetches at once, 1 s cooldown");
      } else {
        System.out.println(
            "Worker → the real platforms"
                + (youtubeKey == null ? " (YOUTUBE_API_KEY unset: the API will refuse)" : ""));
      }
      System.out.println("Worker metrics: http://127.0.0.1:" + worker.metricsPort() + "/metrics");
      System.out.println("Submit a job from another shell:");
      System.out.println(
          "  source " + envFile + " && curl -s -X POST $COLLECTOR_API_URL/v1/jobs \\");
      System.out.println(
          "    -H \"Authorization: Bearer $COLLECTOR_API_KEY\" -H 'Content-Type: application/json' \\");
      System.out.println(
          simulate
              ? "    -d '{\"platform\":\"instagram\",\"kind\":\"posts\",\"target\":\"harbor.bread.lab\"}'"
              : "    -d '{\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@SomeHandle\"}'");
      System.out.println(
          "Use any AWS client:  source "
              + envFile
              + " && aws --endpoint-url $S3_ENDPOINT s3 ls s3://$BUCKET/jobs/");
      System.out.println("Jobs as they finish:");
      printFinishedJobs(new ApiClient(api.localUrl(), key));
      return 0;
    }
  }

  /** The local run's token key, made once and kept, so tokens stored earlier still open. */
  private static Path tokenKeyFile(Path dir) throws java.io.IOException {
    Path file = dir.resolve("token-keys");
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(
          file, "local=" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
      ownerOnly(file);
    }
    return file;
  }

  /** Readable and writable by the owner alone, where the file system has POSIX permissions. */
  private static void ownerOnly(Path file) throws java.io.IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * One finished job as the console prints it. Every text is the API's, and a job's detail can
   * quote what a platform answered: each is printed with its control characters escaped, so that a
   * CR, LF or ANSI escape in it cannot end the line and forge one that looks like another job's.
   */
  static String finishedLine(JsonNode job) {
    return String.format(
        Locale.ROOT,
        "  %s %s/%s → %s%s, %d records %s",
        Printable.escape(job.path("jobId").stringValue("")),
        Printable.escape(job.path("platform").stringValue("?")),
        Printable.escape(job.path("kind").stringValue("?")),
        Printable.escape(job.path("outcome").stringValue("?")),
        job.path("detail").isString()
            ? " (" + Printable.escape(job.path("detail").stringValue()) + ")"
            : "",
        job.path("recordCount").asInt(0),
        Printable.escape(job.path("locations").path("records").stringValue("")));
  }

  private static void printFinishedJobs(ApiClient api) {
    Instant since = Instant.now();
    Set<String> seen = new HashSet<>();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        JsonNode page =
            api.get("/v1/jobs?status=succeeded,failed,cancelled&limit=100&since=" + since);
        for (JsonNode job : page.path("items")) {
          if (seen.add(job.path("jobId").stringValue(""))) {
            System.out.println(finishedLine(job));
          }
        }
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (!Thread.currentThread().isInterrupted()) {
          System.err.println(
              "  (could not read jobs: " + Printable.escape(String.valueOf(e.getMessage())) + ")");
        }
        return;
      }
    }
  }
}
