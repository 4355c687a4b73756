package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The alert rules and the dashboard are well formed and cover what the issue asks for. That their
 * queries name real metrics is {@link RunningWorkerTest}'s part.
 */
class AlertsAndDashboardTest {
  @Test
  void theAlertRulesCoverDriftDeadLettersProxiesTokensAndQueueAge() {
    List<String> names = new ArrayList<>();
    for (JsonNode group : MetricQueries.alerts().path("groups")) {
      assertThat(group.path("name").asString()).isNotEmpty();
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asString();
        names.add(name);
        assertThat(rule.path("expr").asString()).as(name).isNotBlank();
        assertThat(rule.path("labels").path("severity").asString())
            .as(name)
            .isIn("warning", "critical");
        assertThat(rule.path("annotations").path("summary").asString()).as(name).isNotBlank();
        assertThat(rule.path("annotations").path("description").asString()).as(name).isNotBlank();
        if (rule.has("for")) {
          assertThat(rule.path("for").asString()).matches("\\d+[smh]");
        }
      }
    }
    assertThat(names)
        .doesNotHaveDuplicates()
        .contains(
            "CollectorDriftSpike",
            "CollectorDeadLetterQueueGrowing",
            "CollectorNoHealthyProxies",
            "CollectorTokenInvalidationsRising",
            "CollectorQueueAgeHigh",
            "CollectorFieldCoverageDrop");
  }

  @Test
  void theDashboardIsProvisionableAndEveryPanelQueriesTheChosenPrometheus() {
    JsonNode dashboard = MetricQueries.dashboard();
    assertThat(dashboard.path("uid").asString()).isEqualTo("sns-collector");
    assertThat(dashboard.path("templating").path("list").get(0).path("type").asString())
        .isEqualTo("datasource");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      if (panel.path("type").asString().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
    }
    String all = String.join("\n", MetricQueries.dashboardExpressions());
    assertThat(all)
        .contains("collector_jobs_total", "collector_route_attempts_total")
        .contains("collector_fetch_duration_seconds_bucket", "collector_queue_lag_seconds_bucket")
        .contains("collector_jobs_in_flight", "proxypool_circuit_open", "proxypool_cooling_down")
        .contains("collector_drift_total", "collector_token_invalidations_total")
        .contains(
            "collector_s3_write_duration_seconds_bucket", "collector_webhook_deliveries_total");
  }
}
