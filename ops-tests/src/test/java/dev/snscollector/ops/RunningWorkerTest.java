package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The worker image's entrypoint, run from the image's classpath against the embedded stack and a
 * real forward proxy, driven with jobs that end every way a job ends (ok, a crawl through the
 * proxy, not found, drift, a retry, a refused key, a slow job the heartbeat keeps hidden, an
 * invalid message), then scraped: the dashboard's and the alerts' queries must name only metrics it
 * exports, the catalogue must list exactly what it exports, its log lines must be JSON with the job
 * id and without secrets, and SIGTERM must drain it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningWorkerTest {
  /** Looks like a Google API key, so the redaction is tested too; it must never be logged. */
  private static final String API_KEY = "AIzaOpsTestKeyThatMustNeverBeLogged0123";

  private static final String PROXY_PASSWORD = "proxy-password-never-logged";
  private static final String DRIFT_CHANNEL = "UCdriftdriftdriftdrift00";
  private static final String BAD_KEY_CHANNEL = "UCbadkeybadkeybadkey0000";
  private static final String CHANGED =
      """
      {"kind":"youtube#channelListResponse","pageInfo":{"totalResults":1,"resultsPerPage":5},
       "items":[{"kind":"youtube#channel","id":"UCdriftdriftdriftdrift00",
                 "channelSnippet":{"title":"Renamed"},
                 "statistics":{"viewCount":"1","subscriberCount":"2","videoCount":"3"}}]}
      """;

  private static LocalStack local;
  private static FixtureOrigin origin;
  private static LocalForwardProxy proxy;
  private static SqsClient sqs;
  private static RunningImage worker;
  private static Exposition scrape;
  private static Map<String, ResultEvent> results;

  @BeforeAll
  static void runTheWorkerImageWithJobsThatEndEveryWay() throws Exception {
    List<String> channels = FixtureTargets.youtubeChannels(Repo.path("fixtures"));
    assertThat(channels).hasSizeGreaterThanOrEqualTo(3);
    String flaky = channels.get(0).replace("@", "");
    String slow = channels.get(1).replace("@", "");
    // Three 503s: the first request and both its retries inside the job fail, so the job goes
    // back through the queue once (FETCH_RETRIES is 2).
    AtomicInteger flakyFailures = new AtomicInteger(3);
    AtomicBoolean slowWaited = new AtomicBoolean();
    local =
        LocalStack.start(
            LocalStack.Config.defaults()
                .withVisibilityTimeout(Duration.ofSeconds(12))
                .withMaxReceiveCount(5));
    origin =
        FixtureOrigin.builder(Repo.path("fixtures"))
            .interceptor(
                r -> {
                  String query = r.rawQuery() == null ? "" : r.rawQuery();
                  if (query.contains(DRIFT_CHANNEL)) {
                    return Optional.of(FixtureOrigin.Response.json(200, CHANGED));
                  }
                  if (query.contains(BAD_KEY_CHANNEL)) {
                    return Optional.of(
                        FixtureOrigin.Response.googleError(
                            400, "keyInvalid", "API key not valid."));
                  }
                  if (query.contains(flaky) && flakyFailures.getAndDecrement() > 0) {
                    return Optional.of(
                        FixtureOrigin.Response.googleError(503, "backendError", "Backend Error"));
                  }
                  if (query.contains(slow) && slowWaited.compareAndSet(false, true)) {
                    sleep(Duration.ofSeconds(5)); // outlasts a heartbeat period (12 s / 3)
                  }
                  return Optional.empty();
                })
            .build()
            .start();
    proxy = new LocalForwardProxy();
    sqs =
        AwsClients.sqs(
            local.sqsEndpoint(),
            local.region(),
            new WorkerConfig.AwsKeys(
                local.credentials().accessKeyId(), local.credentials().secretAccessKey()));

    Map<String, String> env = new HashMap<>(local.environment());
    env.put("YOUTUBE_API_BASE_URL", origin.baseUrl() + "/www.googleapis.com/youtube/v3");
    env.put("YOUTUBE_API_KEY", API_KEY);
    env.put("SITE_BASE_URL", origin.baseUrl());
    env.put("PROXIES", "http://crawler:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port());
    env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
    env.put("CRAWL_SITE_RATE", "50"); // exports the per-site rate limiters' metrics
    env.put("WORKER_CONCURRENCY", "16");
    env.put("VISIBILITY_TIMEOUT_SECONDS", "12");
    env.put("MAX_RECEIVES", "5");
    env.put("RETRY_BASE_SECONDS", "1");
    env.put("RETRY_MAX_SECONDS", "2");
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    worker = RunningImage.start("docker/worker.Dockerfile", env, "METRICS_PORT");

    for (int i = 0; i < 12; i++) {
      String target = channels.get(2 + i % (channels.size() - 2));
      JobKind kind = i % 2 == 0 ? JobKind.POSTS : JobKind.PROFILE;
      send(JobMessage.of("ops-ok-" + i, Platform.YOUTUBE, kind, target));
    }
    send(JobMessage.of("ops-slow", Platform.YOUTUBE, JobKind.PROFILE, channels.get(1)));
    send(JobMessage.of("ops-flaky", Platform.YOUTUBE, JobKind.PROFILE, channels.get(0)));
    send(JobMessage.of("ops-unknown", Platform.YOUTUBE, JobKind.PROFILE, "@no-such-channel-ops"));
    send(JobMessage.of("ops-drift", Platform.YOUTUBE, JobKind.PROFILE, DRIFT_CHANNEL));
    send(
        JobMessage.of("ops-bad-key", Platform.YOUTUBE, JobKind.PROFILE, BAD_KEY_CHANNEL)
            .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.API))));
    send(
        JobMessage.of("ops-crawl", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")
            .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.CRAWL))));
    sqs.sendMessage(r -> r.queueUrl(local.jobsQueueUrl()).messageBody("{\"not\":\"a job\"}"));
    results = awaitResults(12 + 7, Duration.ofMinutes(2));
    scrape =
        worker.scrapeUntilPresent(MetricOwner.WORKER.expectedSamples(), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {worker, sqs, origin, proxy, local}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  @Test
  @Order(1)
  void everyJobEndsWithAnOutcomeAndTheHealthCheckPasses() {
    Map<String, Outcome> byJob = new HashMap<>();
    results.forEach((job, e) -> byJob.put(job, e.outcome()));
    assertThat(byJob).as("a result for every job").hasSize(19);
    for (int i = 0; i < 12; i++) {
      assertThat(byJob).containsEntry("ops-ok-" + i, Outcome.OK);
    }
    assertThat(byJob)
        .containsEntry("ops-slow", Outcome.OK)
        .containsEntry("ops-flaky", Outcome.OK)
        .containsEntry("ops-unknown", Outcome.NOT_FOUND)
        .containsEntry("ops-drift", Outcome.STRUCTURE_CHANGED)
        .containsEntry("ops-bad-key", Outcome.TOKEN_INVALID)
        .containsEntry("ops-crawl", Outcome.OK);
    assertThat(byJob).containsEntry("invalid", Outcome.INVALID_JOB);
    assertThat(proxy.forwarded.get()).as("the crawl went through the proxy").isPositive();
    assertThat(worker.healthCheck()).as("the image's HEALTHCHECK command").isZero();
  }

  @Test
  @Order(2)
  void theDashboardTheAlertsAndTheCatalogueNameExactlyWhatItExports() {
    assertThat(MetricOwner.WORKER.namedByOperationsFiles()).hasSizeGreaterThan(15);
    MetricOwner.WORKER.check(scrape);
  }

  @Test
  @Order(3)
  void itsLogIsJsonLinesWithTheJobIdAndWithoutSecrets() {
    List<JsonNode> events = worker.logEvents();
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(e -> assertThat(e.has("ts") && e.has("level") && e.has("message")).isTrue());
    assertThat(events)
        .as("the retry of ops-flaky is logged with its job id")
        .anySatisfy(
            e -> {
              assertThat(e.path("jobId").asString()).isEqualTo("ops-flaky");
              assertThat(e.path("message").asString()).contains("retries");
            });
    assertThat(worker.stderr()).doesNotContain(API_KEY, PROXY_PASSWORD);
  }

  @Test
  @Order(4)
  void sigtermDrainsTheWorkerWithinItsGrace() throws Exception {
    assertThat(worker.terminate(Duration.ofSeconds(20))).as("stops within the grace").isIn(0, 143);
    assertThat(worker.stderr()).contains("graceful shutdown").contains("stopped");
  }

  private static void send(JobMessage job) {
    sqs.sendMessage(r -> r.queueUrl(local.jobsQueueUrl()).messageBody(JobCodec.encode(job)));
  }

  /**
   * Result events by job id until {@code count} jobs have one. Delivery is at least once: a job
   * whose delete failed runs again and is reported again, with the same outcome.
   */
  private static Map<String, ResultEvent> awaitResults(int count, Duration deadline) {
    Map<String, ResultEvent> events = new HashMap<>();
    long end = System.nanoTime() + deadline.toNanos();
    while (events.size() < count && System.nanoTime() < end && worker.alive()) {
      List<Message> got =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(local.resultsQueueUrl())
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1))
              .messages();
      for (Message m : got) {
        ResultEvent e = Json.MAPPER.readValue(m.body(), ResultEvent.class);
        events.put(e.jobId() == null ? "invalid" : e.jobId(), e);
        sqs.deleteMessage(
            r -> r.queueUrl(local.resultsQueueUrl()).receiptHandle(m.receiptHandle()));
      }
    }
    return events;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
