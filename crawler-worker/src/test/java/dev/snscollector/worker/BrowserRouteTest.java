package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.worker.browser.BrowserConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The browser route in a real worker with Debian's Chromium: a channel page that only exists after
 * its script ran gives records; a page that never answers times out and the worker carries on.
 */
class BrowserRouteTest {
  private static final String SHELL =
      """
      <!doctype html><html><head><title>loading</title></head><body><div id="app"></div>
      <script>
        fetch('/www.youtube.com/@js.only/data.json').then(r => r.text()).then(t => {
          const s = document.createElement('script');
          s.textContent = 'var ytInitialData = ' + t + ';';
          document.head.appendChild(s);
          document.title = 'ready';
        });
      </script></body></html>
      """;

  @Test
  void aJavaScriptOnlyPageGivesRecordsAndAHungPageTimesOutWithoutStoppingTheWorker()
      throws Exception {
    Assumptions.assumeTrue(
        BrowserConfig.defaults().executableAvailable(),
        "no Chromium at /usr/bin/chromium (.ci/run installs Debian's chromium)");
    String initialData = channelInitialData();
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            1,
            b ->
                b.interceptor(
                    r -> {
                      if (!"www.youtube.com".equals(r.host())) {
                        return Optional.empty();
                      }
                      return switch (r.path()) {
                        case "/@js.only" ->
                            Optional.of(
                                new FixtureOrigin.Response(
                                    200,
                                    Map.of("content-type", "text/html; charset=utf-8"),
                                    SHELL.getBytes(StandardCharsets.UTF_8)));
                        case "/@js.only/data.json" ->
                            Optional.of(FixtureOrigin.Response.json(200, initialData));
                        case "/@hung.page" -> {
                          sleep(Duration.ofSeconds(40)); // never answers within the page timeout
                          yield Optional.of(FixtureOrigin.Response.json(200, "{}"));
                        }
                        default -> Optional.empty();
                      };
                    }))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("SITE_BASE_URL", stack.origin.baseUrl());
      env.put("PROXY_ALLOW_DIRECT", "true");
      env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
      env.put("BROWSER_ENABLED", "true");
      env.put("BROWSER_PAGE_TIMEOUT_SECONDS", "4");
      env.put("BROWSER_HANG_GRACE_SECONDS", "3");
      stack.startWorker(env);

      stack.send(JobCodec.encode(browserJob("hung", "@hung.page")));
      stack.send(JobCodec.encode(browserJob("js-only", "@js.only")));
      List<ResultEvent> events = stack.awaitResults(2, Duration.ofSeconds(120));

      ResultEvent jsOnly = byId(events, "js-only");
      assertThat(jsOnly.outcome()).isEqualTo(Outcome.OK);
      assertThat(jsOnly.routes())
          .singleElement()
          .satisfies(a -> assertThat(a.route()).isEqualTo(Route.BROWSER));
      List<NormalizedRecord> records = stack.records("js-only");
      assertThat(records)
          .singleElement()
          .isInstanceOfSatisfying(
              ProfileRecord.class,
              p -> {
                assertThat(p.source().route()).isEqualTo(Route.BROWSER);
                assertThat(p.source().url()).startsWith("https://www.youtube.com/@js.only");
                assertThat(p.handle()).isNotBlank();
              });

      ResultEvent hung = byId(events, "hung");
      assertThat(hung.outcome())
          .as("a timed-out page is a transient failure; with one receive allowed it ends internal")
          .isEqualTo(Outcome.INTERNAL);
      assertThat(hung.detail()).contains("origin failed");
    }
  }

  private static JobMessage browserJob(String id, String handle) {
    return JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, handle)
        .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.BROWSER)));
  }

  private static ResultEvent byId(List<ResultEvent> events, String id) {
    return events.stream().filter(e -> id.equals(e.jobId())).findFirst().orElseThrow();
  }

  /** The ytInitialData object of a channel fixture, read at test time. */
  private static String channelInitialData() throws IOException {
    Path page =
        WorkerTestStack.fixturesDir()
            .resolve("youtube/youtube.web.channel/hanbit-kitchen-2026-header/body.html");
    String html = Files.readString(page);
    Matcher m =
        Pattern.compile("var ytInitialData = (\\{.*?\\});</script>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("the fixture carries ytInitialData").isTrue();
    return m.group(1);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
