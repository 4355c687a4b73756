package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.SuppressForbidden;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The API image's entrypoint, run from the image's classpath against embedded PostgreSQL and the
 * embedded stack: a job submitted over HTTP, its result event played back as a worker would send
 * it, the webhook delivered to a receiver here; then scraped, like the worker in {@link
 * RunningWorkerTest}, against the dashboard, the alerts and the catalogue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module: the webhook receiver")
class RunningApiTest {
  private static final String ADMIN_KEY = "ops-admin-key-never-logged-7f3a9c";
  private static final String WEBHOOK_SECRET = "ops-webhook-secret-never-logged";
  private static final String DB_PASSWORD = "ops-db-password-never-logged";

  private static EmbeddedPostgres postgres;
  private static LocalStack local;
  private static SqsClient sqs;
  private static HttpServer receiver;
  private static final AtomicInteger deliveries = new AtomicInteger();
  private static RunningImage api;
  private static Exposition scrape;

  @BeforeAll
  static void runTheApiImageThroughAJobsLife() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("create role collector login password '" + DB_PASSWORD + "'");
      s.execute("create database collector owner collector");
    }
    local = LocalStack.start();
    sqs =
        AwsClients.sqs(
            local.sqsEndpoint(),
            local.region(),
            new WorkerConfig.AwsKeys(
                local.credentials().accessKeyId(), local.credentials().secretAccessKey()));
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          ex.getRequestBody().readAllBytes();
          deliveries.incrementAndGet();
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();

    Map<String, String> env = new HashMap<>(local.environment());
    env.remove("DLQ_URL"); // the worker's, not the API's
    env.put("DATABASE_URL", postgres.getJdbcUrl("collector", "collector"));
    env.put("DATABASE_USER", "collector");
    env.put("DATABASE_PASSWORD", DB_PASSWORD);
    env.put("API_ADMIN_KEY", ADMIN_KEY);
    env.put("WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    env.put("WEBHOOK_SECRET", WEBHOOK_SECRET);
    env.put("OUTBOX_POLL_MILLIS", "100");
    env.put("WEBHOOK_POLL_MILLIS", "100");
    env.put("RESULTS_WAIT_SECONDS", "1");
    api = RunningImage.start("docker/api.Dockerfile", env, "API_PORT");

    HttpResponse<String> submitted =
        api.send(
            api.request("/v1/jobs")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jobId\":\"ops-api-1\",\"platform\":\"youtube\",\"kind\":\"profile\","
                            + "\"target\":\"@hanbit.kitchen\"}")));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    // Played back as the worker would report the job.
    Instant now = Instant.now();
    ResultEvent done =
        new ResultEvent(
            ResultEvent.SCHEMA_VERSION,
            "ops-api-1",
            null,
            Platform.YOUTUBE,
            JobKind.PROFILE,
            ResultEvent.Status.SUCCEEDED,
            Outcome.OK,
            null,
            List.of(),
            0,
            ResultEvent.Locations.NONE,
            null,
            new ResultEvent.Timings(now, now, 0, 0),
            1,
            "ops-test",
            Map.of());
    sqs.sendMessage(
        r -> r.queueUrl(local.resultsQueueUrl()).messageBody(Json.MAPPER.writeValueAsString(done)));
    awaitJobDoneAndWebhook(Duration.ofSeconds(60));
    scrape = api.scrapeUntilPresent(MetricOwner.API.expectedSamples(), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() throws IOException {
    if (api != null) {
      api.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (sqs != null) {
      sqs.close();
    }
    if (local != null) {
      local.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void theJobIsStoredItsResultAppliedAndThePlatformNotified() {
    HttpResponse<String> job =
        api.send(api.request("/v1/jobs/ops-api-1").header("Authorization", "Bearer " + ADMIN_KEY));
    assertThat(job.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(job.body()).path("outcome").asString()).isEqualTo("ok");
    assertThat(deliveries.get()).as("webhook deliveries").isPositive();
    assertThat(api.healthCheck()).as("the image's HEALTHCHECK command").isZero();
  }

  @Test
  @Order(2)
  void theDashboardTheAlertsAndTheCatalogueNameExactlyWhatItExports() {
    assertThat(MetricOwner.API.namedByOperationsFiles()).isNotEmpty();
    MetricOwner.API.check(scrape);
  }

  @Test
  @Order(3)
  void itsLogIsJsonLinesWithoutSecrets() {
    assertThat(api.logEvents()).isNotEmpty();
    assertThat(api.stderr()).doesNotContain(ADMIN_KEY, WEBHOOK_SECRET, DB_PASSWORD);
  }

  @Test
  @Order(4)
  void sigtermStopsItWithinItsGrace() throws Exception {
    assertThat(api.terminate(Duration.ofSeconds(25))).isIn(0, 143);
  }

  private static void awaitJobDoneAndWebhook(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      HttpResponse<String> job =
          api.send(
              api.request("/v1/jobs/ops-api-1").header("Authorization", "Bearer " + ADMIN_KEY));
      if (job.statusCode() == 200
          && Json.MAPPER.readTree(job.body()).path("outcome").asString().equals("ok")
          && deliveries.get() > 0) {
        return;
      }
      Thread.sleep(200);
    }
  }
}
