package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The alert rules pass Prometheus's own checks and their unit tests ({@code
 * deploy/prometheus/alerts.test.yaml}), with the real {@code promtool}; every rule has a unit test
 * that fires it and a runbook; the Alertmanager routing passes {@code amtool check-config}.
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

  @Test
  void everyRuleHasAUnitTestThatFiresItAndARunbook() {
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : Yaml.read(Repo.read("deploy/prometheus/alerts.yaml")).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asString();
        alerts.add(name);
        String runbook = rule.path("annotations").path("runbook").asString("");
        assertThat(runbook).as("%s names its runbook", name).isNotEmpty();
        assertThat(Repo.path("docs/runbooks/" + runbook + ".md")).as(name).exists();
        assertThat(Repo.read("docs/runbooks/" + runbook + ".md")).startsWith("# " + name + "\n");
      }
    }
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
    List<String> fired = new ArrayList<>();
    for (JsonNode test : Yaml.read(Repo.read("deploy/prometheus/alerts.test.yaml")).path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        if (!check.path("exp_alerts").isEmpty()) {
          fired.add(check.path("alertname").asString());
        }
      }
    }
    assertThat(fired).as("rules a unit test fires").containsAll(alerts);
  }

  @Test
  void theAlertmanagerRoutingPassesAmtool() throws Exception {
    Optional<Path> amtool = LocalTools.find("amtool", "AMTOOL");
    if (amtool.isEmpty()) {
      LocalTools.unavailable(
          "no amtool on the PATH (nor $AMTOOL): the Alertmanager routing is not checked."
              + " .ci/run installs Debian's prometheus-alertmanager, which brings it");
    }
    // The webhook URL is a mounted secret in production; here a file like it.
    Path dir = Files.createTempDirectory("alertmanager-check");
    Path config =
        AlertDelivery.configure(dir, "https://hooks.slack.com/services/T0/B0/check", false);
    String out =
        LocalTools.run(amtool.orElseThrow(), List.of("check-config", config.toString()), dir);
    assertThat(out).contains("SUCCESS").contains("Found:").contains("1 receivers");
    // Routing: every severity goes to the Slack receiver.
    for (String severity : List.of("warning", "critical")) {
      assertThat(
              LocalTools.run(
                  amtool.orElseThrow(),
                  List.of(
                      "config",
                      "routes",
                      "test",
                      "--config.file=" + config,
                      "alertname=CollectorDriftSpike",
                      "severity=" + severity),
                  dir))
          .contains("slack-ops");
    }
  }
}
