package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass Prometheus's own checks and their unit tests ({@code
 * deploy/prometheus/alerts.test.yaml}), with the real {@code promtool}.
 */
class AlertRulesPromtoolTest {
  @Test
  void theRulesAreValidPromQlAndTheirUnitTestsPass() {
    Path promtool = Promtool.require();
    assertThat(Promtool.run(promtool, "check", "rules", "deploy/prometheus/alerts.yaml"))
        .contains("SUCCESS");
    assertThat(Promtool.run(promtool, "test", "rules", "deploy/prometheus/alerts.test.yaml"))
        .contains("SUCCESS");
  }
}
