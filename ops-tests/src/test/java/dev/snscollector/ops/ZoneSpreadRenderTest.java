package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * How the pods spread over zones and nodes: the API keeps two replicas in two zones on AWS, the
 * workers spread where there is room, and the local overlay asks for nothing a kind node lacks.
 */
class ZoneSpreadRenderTest {
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String NODE = "kubernetes.io/hostname";

  @BeforeAll
  static void findKubectl() {
    Kubectl.require();
  }

  private static JsonNode constraint(JsonNode deployment, String topologyKey) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode c :
        deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints")) {
      if (c.path("topologyKey").asString().equals(topologyKey)) {
        found.add(c);
      }
    }
    assertThat(found).as(topologyKey).hasSize(1);
    JsonNode c = found.get(0);
    assertThat(c.path("maxSkew").asInt()).isEqualTo(1);
    assertThat(c.path("labelSelector").path("matchLabels"))
        .as("counts the deployment's own pods")
        .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
    return c;
  }

  @Test
  void onAwsTheApiKeepsTwoReplicasInTwoZonesAndADrainLeavesOne() {
    Manifests m = Overlays.render("aws");
    JsonNode api = m.one("Deployment", "collector-api");
    JsonNode zone = constraint(api, ZONE);
    assertThat(zone.path("whenUnsatisfiable").asString()).isEqualTo("DoNotSchedule");
    assertThat(zone.path("minDomains").asInt()).isEqualTo(2);
    int minReplicas =
        m.one("HorizontalPodAutoscaler", "collector-api").path("spec").path("minReplicas").asInt();
    assertThat(minReplicas).as("a replica per zone").isGreaterThanOrEqualTo(2);
    assertThat(
            m.one("PodDisruptionBudget", "collector-api").path("spec").path("minAvailable").asInt())
        .as("a drain may take one of them, never both")
        .isEqualTo(1)
        .isLessThan(minReplicas);
    assertThat(constraint(api, NODE).path("whenUnsatisfiable").asString())
        .isEqualTo("ScheduleAnyway");
  }

  @Test
  void locallyTheApiSpreadsWhereItCanSinceKindNodesHaveNoZone() {
    Manifests m = Overlays.render("local");
    JsonNode zone = constraint(m.one("Deployment", "collector-api"), ZONE);
    assertThat(zone.path("whenUnsatisfiable").asString()).isEqualTo("ScheduleAnyway");
    assertThat(zone.has("minDomains")).as("only valid with DoNotSchedule").isFalse();
    assertThat(
            m.one("HorizontalPodAutoscaler", "collector-api")
                .path("spec")
                .path("minReplicas")
                .asInt())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theWorkersSpreadOverZonesAndNodesWithoutWaitingForIt(String overlay) {
    JsonNode worker = Overlays.render(overlay).one("Deployment", "collector-worker");
    for (String key : List.of(ZONE, NODE)) {
      assertThat(constraint(worker, key).path("whenUnsatisfiable").asString())
          .as(key)
          .isEqualTo("ScheduleAnyway");
    }
  }

  @Test
  void onAwsOnlyTheWorkerPodsCarryTheSecurityGroupRedisAdmits() {
    Manifests m = Overlays.render("aws");
    JsonNode policy = m.one("SecurityGroupPolicy", "collector-worker");
    assertThat(policy.path("apiVersion").asString()).isEqualTo("vpcresources.k8s.aws/v1beta1");
    JsonNode selector = policy.path("spec").path("podSelector");
    assertThat(NetworkPolicies.selects(selector, labels(m.one("Deployment", "collector-worker"))))
        .isTrue();
    assertThat(NetworkPolicies.selects(selector, labels(m.one("Deployment", "collector-api"))))
        .isFalse();
    List<String> groups = new ArrayList<>();
    policy
        .path("spec")
        .path("securityGroups")
        .path("groupIds")
        .forEach(g -> groups.add(g.asString()));
    assertThat(groups).hasSize(2).allMatch(g -> g.matches("sg-[0-9a-f]{8,17}"));
    assertThat(Overlays.render("local").all("SecurityGroupPolicy")).isEmpty();
  }

  private static java.util.Map<String, String> labels(JsonNode deployment) {
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    deployment
        .path("spec")
        .path("template")
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return labels;
  }
}
