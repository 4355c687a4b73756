package dev.snscollector.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.worker.browser.BrowserConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults × routes through a whole worker: WireMock stands between the worker and the fixture
 * origin, answers a job's first request with a fault, then proxies to the origin. Each job ends ok
 * with the fault absorbed inside the job (a retry with backoff, a new proxy lease on the crawl and
 * the browser), never by a trip through the queue; slow answers just take their time. The browser
 * route's cells (Debian's Chromium rendering the channel page) run where Chromium is installed, as
 * in CI.
 */
class FaultMatrixTest {
  private static final Map<String, ResponseDefinitionBuilder> FAULTS = new LinkedHashMap<>();

  static {
    FAULTS.put("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    FAULTS.put("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE));
    FAULTS.put("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    FAULTS.put("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
    FAULTS.put("503", aResponse().withStatus(503).withBody("unavailable"));
  }

  /** Answers that are slow, not failed: the body dripped over 1.5 s, a random delay. */
  private static final Map<String, ResponseDefinitionBuilder> SLOW = new LinkedHashMap<>();

  static {
    SLOW.put("slow body drip", new ResponseDefinitionBuilder().withChunkedDribbleDelay(8, 1_500));
    SLOW.put("random delay", new ResponseDefinitionBuilder().withUniformRandomDelay(100, 600));
  }

  @Test
  void everyFaultOnEveryRouteEndsOkWithinTheJob() throws Exception {
    WireMockServer wm = new WireMockServer(options().dynamicPort().containerThreads(32));
    wm.start();
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      String origin = stack.origin.baseUrl();
      Map<String, String> env = stack.workerEnvironmentBehind(wm.baseUrl());
      env.put("PROXY_COOLDOWN_MILLIS", "0");
      env.put("PROXY_COOLDOWN_MAX_MILLIS", "0");
      env.put("FETCH_RETRY_BASE_MILLIS", "50");
      List<Route> routes = new ArrayList<>(List.of(Route.API, Route.CRAWL));
      if (BrowserConfig.defaults().executableAvailable()) {
        env.put("BROWSER_ENABLED", "true");
        routes.add(Route.BROWSER);
      } else {
        System.err.println(
            "FaultMatrixTest: no Chromium at /usr/bin/chromium; the browser route's cells are"
                + " skipped (.ci/run installs Debian's chromium)");
      }
      WorkerRuntime worker = stack.startWorker(env);
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      List<String> failures = new ArrayList<>();
      int n = 0;
      for (Map.Entry<String, ResponseDefinitionBuilder> fault : all()) {
        for (Route route : routes) {
          wm.resetAll();
          wm.stubFor(
              any(anyUrl())
                  .inScenario("fault")
                  .whenScenarioStateIs(STARTED)
                  .willReturn(
                      SLOW.containsKey(fault.getKey())
                          ? fault.getValue().proxiedFrom(origin)
                          : fault.getValue())
                  .willSetStateTo("recovered"));
          wm.stubFor(
              any(anyUrl())
                  .inScenario("fault")
                  .whenScenarioStateIs("recovered")
                  .willReturn(aResponse().proxiedFrom(origin)));
          String id = "fault-" + n++;
          JobMessage job =
              switch (route) {
                case API -> JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, channel);
                case CRAWL -> JobMessage.of(id, Platform.TIKTOK, JobKind.PROFILE, "@hanbit.dance");
                case BROWSER ->
                    JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")
                        .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.BROWSER)));
              };
          stack.send(JobCodec.encode(job));
          List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(90));
          String cell = fault.getKey() + " × " + route.wireName();
          if (events.size() != 1) {
            failures.add(cell + ": no result");
            continue;
          }
          ResultEvent e = events.getFirst();
          if (e.outcome() != Outcome.OK
              || e.routes().size() != 1
              || e.routes().getFirst().route() != route) {
            failures.add(cell + ": " + e.outcome() + " " + e.routes());
          }
          int requests = wm.findAll(anyRequestedFor(anyUrl())).size();
          if (!SLOW.containsKey(fault.getKey()) && requests < 2) {
            failures.add(cell + ": the fault was not met (" + requests + " requests)");
          }
        }
      }
      assertThat(failures).as("cells that did not end ok within the job").isEmpty();
      assertThat(
              worker.registry().find("collector_job_retries_total").counters().stream()
                  .mapToDouble(c -> c.count())
                  .sum())
          .as("no job went back through the queue")
          .isZero();
      assertThat(stack.approximateMessages(stack.local.deadLetterQueueUrl())).isZero();
    } finally {
      wm.stop();
    }
  }

  private static List<Map.Entry<String, ResponseDefinitionBuilder>> all() {
    List<Map.Entry<String, ResponseDefinitionBuilder>> all = new ArrayList<>(FAULTS.entrySet());
    all.addAll(SLOW.entrySet());
    return all;
  }
}
