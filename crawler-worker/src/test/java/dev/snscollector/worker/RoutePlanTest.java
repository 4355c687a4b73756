package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.worker.queue.SqsJobQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The route plan on a real worker: ElasticMQ, S3Proxy, the fixture origin standing in for YouTube's
 * API and pages, and real forward proxies on 127.0.0.1.
 */
class RoutePlanTest {
  private static final String TOKEN = "ya29.creator-token-revoked-mid-run";
  private static final String API_KEY = "AIza-app-key-that-must-stay-secret";
  private static final String PROXY_PASSWORD = "proxy-pass-never-logged";
  private static final String HANDLE = "@hanbit.kitchen";

  @Test
  void aTokenRevokedMidRunFallsBackToTheCrawlAndTheEventSaysTokenInvalid() throws Exception {
    AtomicBoolean revoked = new AtomicBoolean();
    String keys = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    TokenSealer sealer =
        new TokenSealer(KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", keys)).orElseThrow());
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (LocalForwardProxy proxy = new LocalForwardProxy();
        WorkerTestStack stack =
            WorkerTestStack.start(
                Duration.ofSeconds(30),
                5,
                b ->
                    b.interceptor(
                        r ->
                            revoked.get() && r.headers().containsKey("authorization")
                                ? Optional.of(
                                    FixtureOrigin.Response.googleError(
                                        401, "authError", "Invalid Credentials"))
                                : Optional.empty()))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("TOKEN_KEYS", keys);
      env.put("YOUTUBE_API_KEY", API_KEY);
      env.put("SITE_BASE_URL", stack.origin.baseUrl());
      env.put("PROXIES", "http://crawler:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port());
      env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
      stack.startWorker(env);
      String sealed = sealer.seal(TOKEN, Platform.YOUTUBE, "UCcreator");

      stack.send(JobCodec.encode(creatorJob("before-revoke", sealed)));
      ResultEvent before = stack.awaitResults(1, Duration.ofSeconds(60)).getFirst();
      revoked.set(true);
      stack.send(JobCodec.encode(creatorJob("after-revoke", sealed)));
      ResultEvent after = stack.awaitResults(1, Duration.ofSeconds(60)).getFirst();

      assertThat(before.outcome()).isEqualTo(Outcome.OK);
      assertThat(before.routes())
          .extracting(ResultEvent.RouteAttempt::route)
          .containsExactly(Route.API);
      assertThat(stack.records("before-revoke"))
          .allSatisfy(r -> assertThat(r.source().route()).isEqualTo(Route.API));

      assertThat(after.outcome()).isEqualTo(Outcome.OK);
      assertThat(after.routes())
          .extracting(ResultEvent.RouteAttempt::route, ResultEvent.RouteAttempt::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Route.API, Outcome.TOKEN_INVALID),
              org.assertj.core.groups.Tuple.tuple(Route.CRAWL, Outcome.OK));
      List<NormalizedRecord> records = stack.records("after-revoke");
      assertThat(records).isNotEmpty();
      assertThat(records)
          .allSatisfy(
              r -> {
                assertThat(r.source().route()).isEqualTo(Route.CRAWL);
                assertThat(r.source().url()).startsWith("https://www.youtube.com/@hanbit.kitchen");
              });
      assertThat(proxy.forwarded.get()).as("the crawl went through the proxy").isPositive();

      // No secret in the result events, the S3 objects or any log line of the run.
      List<String> secrets = List.of(TOKEN, API_KEY, PROXY_PASSWORD, sealed);
      String everything =
          before
              + "\n"
              + after
              + "\n"
              + String.join(
                  "\n",
                  stack.keys("").stream()
                      .map(
                          k ->
                              new String(
                                  stack
                                      .s3
                                      .getObjectAsBytes(r -> r.bucket(stack.local.bucket()).key(k))
                                      .asByteArray(),
                                  StandardCharsets.ISO_8859_1))
                      .toList());
      assertThat(logs.list).as("the run logged something to check").isNotEmpty();
      String logged = render(logs.list);
      for (String secret : secrets) {
        assertThat(everything).doesNotContain(secret);
        assertThat(logged).doesNotContain(secret);
      }
    } finally {
      detach(logs);
    }
  }

  @Test
  void withNoHealthyProxyJobsAreDeferredNotFailedAndRunWhenAProxyIsBack() throws Exception {
    try (LocalForwardProxy a = new LocalForwardProxy();
        LocalForwardProxy b = new LocalForwardProxy();
        WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 2, o -> {})) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("SITE_BASE_URL", stack.origin.baseUrl());
      env.put("PROXIES", "http://127.0.0.1:" + a.port() + ",http://127.0.0.1:" + b.port());
      env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
      // Longer than the 5 s a fetch waits for a busy proxy, so a banned pool really is empty.
      env.put("PROXY_COOLDOWN_MILLIS", "8000");
      // Each ban doubles a proxy's cooldown; how many bans the first phase gives depends on the
      // machine's pace, so the cap keeps the second phase's wait bounded: 16 s at most.
      env.put("PROXY_COOLDOWN_MAX_MILLIS", "16000");
      env.put("NO_PROXY_DEFER_SECONDS", "1");
      a.banning.set(true);
      b.banning.set(true);
      WorkerRuntime worker = stack.startWorker(env);
      int jobs = 4;
      for (int i = 0; i < jobs; i++) {
        JobMessage job =
            JobMessage.of("deferred-" + i, Platform.YOUTUBE, JobKind.PROFILE, HANDLE)
                .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.CRAWL)));
        stack.send(JobCodec.encode(job));
      }
      // Every proxy answers like a ban page: each job is put back with a deferral count, more than
      // maxReceiveCount (2) times in all, and none ends or reaches the dead-letter queue.
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (deferrals(worker) < jobs * 3L && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      assertThat(deferrals(worker)).isGreaterThanOrEqualTo(jobs * 3.0);
      assertThat(stack.receive(stack.local.resultsQueueUrl(), 0)).as("no job ended").isEmpty();

      a.banning.set(false);
      b.banning.set(false);
      List<ResultEvent> events = stack.awaitResults(jobs, Duration.ofSeconds(90));
      assertThat(events)
          .hasSize(jobs)
          .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(events)
          .allSatisfy(
              e ->
                  assertThat(e.attempts())
                      .as("a deferral spends no receive")
                      .isLessThanOrEqualTo(2));
      List<Message> dead = stack.drain(stack.local.deadLetterQueueUrl(), Duration.ofSeconds(1));
      assertThat(dead).isEmpty();
      assertThat(a.refused.get() + b.refused.get()).isGreaterThanOrEqualTo(2);
      assertThat(SqsJobQueue.DEFERRALS_ATTRIBUTE).isEqualTo("collector-deferrals");
    }
  }

  private static double deferrals(WorkerRuntime worker) {
    var counter =
        worker.registry().find("collector_job_deferrals_total").tag("reason", "no_proxy").counter();
    return counter == null ? 0 : counter.count();
  }

  private static JobMessage creatorJob(String id, String sealed) {
    return new JobMessage(
        1,
        id,
        Platform.YOUTUBE,
        JobKind.PROFILE,
        HANDLE,
        new JobMessage.Account("UCcreator", sealed),
        JobMessage.JobOptions.DEFAULTS,
        null,
        Map.of());
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    // Our code at its most talkative. (The AWS SDK at DEBUG logs SQS message bodies, which hold
    // sealed tokens: ciphertext, but production logging keeps the SDK at INFO.)
    context.getLogger("dev.snscollector").setLevel(ch.qos.logback.classic.Level.DEBUG);
    return appender;
  }

  private static void detach(ListAppender<ILoggingEvent> appender) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    context.getLogger("dev.snscollector").setLevel(null);
  }

  private static String render(List<ILoggingEvent> events) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(events)) {
      lines.add(e.getFormattedMessage() + " " + e.getMDCPropertyMap());
      if (e.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    return String.join("\n", lines);
  }
}
