package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.SuppressForbidden;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * Alerts reach Slack, end to end with the real binaries: Debian's Prometheus scrapes a running
 * worker and a running API (their images' entrypoints) with the project's alert rules, Debian's
 * Alertmanager routes with the project's config and Slack template, and a Slack-compatible receiver
 * here takes the incoming-webhook calls. A message the worker cannot run is sent to the jobs queue
 * (the dead-letter queue grows); the Slack message arrives firing, with severity and runbook, then
 * resolved once the window has passed.
 *
 * <p>Only the rules' 15-minute windows are shortened to 30 seconds (and Alertmanager's grouping
 * waits to 1 s), so that the resolution comes within the test; the expressions are the project's.
 */
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module: the Slack receiver")
class AlertDeliveryTest {
  private static final String DB_PASSWORD = "alerts-db-password-never-logged";
  private static final String SLACK_SECRET = "alerts-slack-signing-secret";
  private static final String RUNBOOKS =
      "https://github.com/sns-collector/sns-collector/blob/main/docs/runbooks/";

  @Test
  void theDeadLetterQueueGrowingReachesSlackFiringThenResolved() throws Exception {
    Path prometheus = tool("prometheus", "PROMETHEUS", "prometheus");
    Path alertmanager = tool("prometheus-alertmanager", "ALERTMANAGER", "prometheus-alertmanager");
    // A folder of its own per run: Prometheus's TSDB must not hold another run's targets.
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Repo.path("ops-tests/target")), "alert-delivery-");
    LinkedBlockingQueue<JsonNode> slack = new LinkedBlockingQueue<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/services/T0COLLECTOR/B0ALERTS/",
        ex -> {
          slack.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
          byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    receiver.start();
    List<AutoCloseable> running = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        LocalStack local = LocalStack.start()) {
      try (var c = postgres.getPostgresDatabase().getConnection();
          var s = c.createStatement()) {
        s.execute("create role collector login password '" + DB_PASSWORD + "'");
        s.execute("create database collector owner collector");
      }
      Map<String, String> workerEnv = new HashMap<>(local.environment());
      workerEnv.put("WORKER_CONCURRENCY", "4");
      RunningImage worker =
          RunningImage.start("docker/worker.Dockerfile", workerEnv, "METRICS_PORT");
      running.add(worker);
      Map<String, String> apiEnv = new HashMap<>(local.environment());
      apiEnv.remove("DLQ_URL");
      apiEnv.put("DATABASE_URL", postgres.getJdbcUrl("collector", "collector"));
      apiEnv.put("DATABASE_USER", "collector");
      apiEnv.put("DATABASE_PASSWORD", DB_PASSWORD);
      // /collector status asks this Prometheus for what only the workers know.
      int promPort = freePort();
      apiEnv.put("PROMETHEUS_URL", "http://127.0.0.1:" + promPort);
      apiEnv.put("SLACK_SIGNING_SECRET", SLACK_SECRET);
      apiEnv.put("SLACK_ALLOWED_CHANNELS", "C0OPS");
      apiEnv.put("SLACK_ALLOWED_USERS", "U0OPS");
      RunningImage api = RunningImage.start("docker/api.Dockerfile", apiEnv, "API_PORT");
      running.add(api);

      int amPort = freePort();
      Path amConfig =
          AlertDelivery.configure(
              Files.createDirectories(dir.resolve("alertmanager")),
              "http://127.0.0.1:"
                  + receiver.getAddress().getPort()
                  + "/services/T0COLLECTOR/B0ALERTS/secret",
              true);
      running.add(
          start(
              dir.resolve("alertmanager.log"),
              alertmanager.toString(),
              "--config.file=" + amConfig,
              "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
              "--web.listen-address=127.0.0.1:" + amPort,
              "--cluster.listen-address="));

      Path rules = dir.resolve("alerts.yaml");
      Files.writeString(
          rules, Repo.read("deploy/prometheus/alerts.yaml").replace("[15m]", "[30s]"));
      Path promConfig = dir.resolve("prometheus.yml");
      Files.writeString(
          promConfig,
          """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          rule_files: [%s]
          alerting:
            alertmanagers:
              - static_configs:
                  - targets: ['127.0.0.1:%d']
          scrape_configs:
            - job_name: worker
              static_configs:
                - targets: ['127.0.0.1:%d']
            - job_name: api
              static_configs:
                - targets: ['127.0.0.1:%d']
          """
              .formatted(rules, amPort, worker.port(), api.port()));
      running.add(
          start(
              dir.resolve("prometheus.log"),
              prometheus.toString(),
              "--config.file=" + promConfig,
              "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prometheus-data")),
              "--web.listen-address=127.0.0.1:" + promPort,
              "--rules.alert.resend-delay=1s"));
      awaitBothScraped(promPort, worker.port(), api.port());
      String status = slashStatus(api.port());
      assertThat(status)
          .as("the fleet's side of /collector status, from this Prometheus")
          .contains("*Workers*: 0 jobs in flight")
          .contains("*Open breakers*: none")
          .contains("*Proxies cooling down*: none");

      try (SqsClient sqs =
          AwsClients.sqs(
              local.sqsEndpoint(),
              local.region(),
              new WorkerConfig.AwsKeys(
                  local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
        sqs.sendMessage(r -> r.queueUrl(local.jobsQueueUrl()).messageBody("not a job at all"));
      }

      JsonNode firing = next(slack, Duration.ofSeconds(90), m -> title(m).startsWith("[FIRING"));
      JsonNode attachment = firing.path("attachments").get(0);
      assertThat(firing.path("channel").stringValue()).isEqualTo("#sns-collector-ops");
      assertThat(title(firing)).isEqualTo("[FIRING:1] [WARNING] CollectorDeadLetterQueueGrowing");
      assertThat(attachment.path("color").stringValue()).isEqualTo("warning");
      assertThat(attachment.path("title_link").stringValue())
          .isEqualTo(RUNBOOKS + "collector-dead-letter-queue-growing.md");
      assertThat(attachment.path("text").stringValue())
          .contains("jobs went to the dead-letter queue")
          .contains("Inspect the DLQ")
          .contains("Runbook: " + RUNBOOKS + "collector-dead-letter-queue-growing.md");
      assertThat(Repo.path("docs/runbooks/collector-dead-letter-queue-growing.md")).exists();

      JsonNode resolved =
          next(slack, Duration.ofSeconds(120), m -> title(m).startsWith("[RESOLVED]"));
      assertThat(title(resolved)).isEqualTo("[RESOLVED] [WARNING] CollectorDeadLetterQueueGrowing");
      assertThat(resolved.path("attachments").get(0).path("color").stringValue()).isEqualTo("good");
    } finally {
      for (int i = running.size() - 1; i >= 0; i--) {
        running.get(i).close();
      }
      receiver.stop(0);
    }
  }

  /** A signed {@code /collector status}, as Slack sends it to the API; the answer's text. */
  private static String slashStatus(int apiPort) throws Exception {
    byte[] body =
        "team_id=T0&channel_id=C0OPS&user_id=U0OPS&command=%2Fcollector&text=status"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + apiPort + "/slack/commands"))
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header(
                        "X-Slack-Signature",
                        new dev.snscollector.api.slack.SlackSignature(SLACK_SECRET)
                            .sign(timestamp, body))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("text").asString("");
  }

  private static String title(JsonNode message) {
    return message.path("attachments").path(0).path("title").asString("");
  }

  /** The first message that matches, skipping others (another rule's, a repeat). */
  private static JsonNode next(
      LinkedBlockingQueue<JsonNode> messages, Duration within, Predicate<JsonNode> wanted)
      throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < end) {
      JsonNode m = messages.poll(1, TimeUnit.SECONDS);
      if (m != null && wanted.test(m)) {
        return m;
      }
      if (m != null) {
        seen.add(title(m));
      }
    }
    throw new AssertionError("no such Slack message within " + within + "; got " + seen);
  }

  private static String get(String url) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  /** Waits until Prometheus has scraped both targets successfully. */
  private static void awaitBothScraped(int promPort, int workerPort, int apiPort) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      try {
        var r =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:"
                                + promPort
                                + "/api/v1/query?query="
                                + java.net.URLEncoder.encode(
                                    "up{instance=~\"127.0.0.1:("
                                        + workerPort
                                        + "|"
                                        + apiPort
                                        + ")\"}",
                                    java.nio.charset.StandardCharsets.UTF_8)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode result = Json.MAPPER.readTree(r.body()).path("data").path("result");
        int up = 0;
        for (JsonNode series : result) {
          if (series.path("value").path(1).asString("").equals("1")) {
            up++;
          }
        }
        if (up == 2) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Prometheus did not scrape the worker and the API within 60 s");
  }

  private static Path tool(String name, String envVar, String debianPackage) {
    Optional<Path> found = LocalTools.find(name, envVar);
    if (found.isEmpty()) {
      LocalTools.unavailable(
          "no "
              + name
              + " on the PATH (nor $"
              + envVar
              + "): alerts are not delivered end to end."
              + " .ci/run installs Debian's "
              + debianPackage);
    }
    return found.orElseThrow();
  }

  private static AutoCloseable start(Path log, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return () -> {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    };
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
