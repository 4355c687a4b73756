package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.localstack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The browser variant's entrypoint with its own ENV ({@code BROWSER_ENABLED=true}, Debian's
 * Chromium) and its own classpath (the one with Playwright's driver bundle): it starts healthy and
 * drains on SIGTERM. The browser route itself is the worker's tests' part.
 */
class BrowserWorkerImageTest {
  @Test
  void theBrowserWorkerStartsHealthyWithChromiumAndStopsOnSigterm() throws Exception {
    Dockerfile dockerfile = Dockerfile.parse(Repo.path("docker/worker-browser.Dockerfile"));
    String chromium = dockerfile.finalStage().env().get("BROWSER_EXECUTABLE");
    Assumptions.assumeTrue(
        chromium != null && Files.isExecutable(Path.of(chromium)),
        "no Chromium at " + chromium + " (.ci/run installs Debian's chromium)");
    try (LocalStack local = LocalStack.start();
        LocalForwardProxy proxy = new LocalForwardProxy()) {
      Map<String, String> env = new HashMap<>(local.environment());
      // The page routes, the browser's among them, exist only with proxies.
      env.put("PROXIES", "http://127.0.0.1:" + proxy.port());
      env.put("SHUTDOWN_GRACE_SECONDS", "5");
      try (RunningImage worker =
          RunningImage.start("docker/worker-browser.Dockerfile", env, "METRICS_PORT")) {
        assertThat(worker.scrape().sampleNames()).contains("collector_jobs_in_flight");
        assertThat(worker.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        assertThat(worker.logEvents()).isNotEmpty();
        assertThat(worker.stderr()).contains("stopped").doesNotContain("Exception");
      }
    }
  }
}
