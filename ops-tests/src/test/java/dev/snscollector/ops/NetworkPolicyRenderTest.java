package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.ops.NetworkPolicies.Address;
import dev.snscollector.ops.NetworkPolicies.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The rendered NetworkPolicies of both overlays, judged by the connections they let through ({@link
 * NetworkPolicies}): who reaches the API and the workers, and what they reach.
 */
class NetworkPolicyRenderTest {
  private static final Address SQS_ENDPOINT = new Address("52.94.1.10");
  private static final Address WEBSITE = new Address("93.184.216.34");
  private static final Address PROXY = new Address("203.0.113.7");
  private static final Address RDS = new Address("10.0.3.4");
  private static final Address ELASTICACHE = new Address("10.0.5.6");
  private static final Address INSTANCE_METADATA = new Address("169.254.169.254");
  private static final Pod INGRESS_CONTROLLER =
      NetworkPolicies.pod(
          "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), "10.244.9.1");
  private static final Pod PROMETHEUS =
      NetworkPolicies.pod(
          "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), "10.244.9.2");
  private static final Pod GRAFANA =
      NetworkPolicies.pod("monitoring", Map.of("app.kubernetes.io/name", "grafana"), "10.244.9.3");
  private static final Pod COREDNS =
      NetworkPolicies.pod("kube-system", Map.of("k8s-app", "kube-dns"), "10.244.9.4");
  private static final Pod KEDA_OPERATOR =
      NetworkPolicies.pod("keda", Map.of("app", "keda-operator"), "10.244.9.5");
  private static final Pod STRANGER =
      NetworkPolicies.pod("default", Map.of("app", "debug"), "10.244.9.6");

  @BeforeAll
  static void findKubectl() {
    Kubectl.require();
  }

  private record Cluster(Manifests manifests, NetworkPolicies policies, Pod api, Pod worker) {
    static Cluster of(String overlay) {
      Manifests m = Overlays.render(overlay);
      return new Cluster(
          m,
          NetworkPolicies.of(m),
          NetworkPolicies.pod(m.one("Deployment", "collector-api"), "10.244.1.1"),
          NetworkPolicies.pod(m.one("Deployment", "collector-worker"), "10.244.1.2"));
    }

    Pod pod(String kind, String name, String ip) {
      return NetworkPolicies.pod(manifests.one(kind, name), ip);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void nothingInTheNamespaceTakesAConnectionNoPolicyAdmits(String overlay) {
    Cluster c = Cluster.of(overlay);
    List<JsonNode> denyAll =
        c.manifests().all("NetworkPolicy").stream()
            .filter(p -> p.path("metadata").path("name").asString().equals("default-deny-ingress"))
            .toList();
    assertThat(denyAll).hasSize(1);
    JsonNode spec = denyAll.get(0).path("spec");
    assertThat(spec.path("podSelector").isEmpty()).as("selects every pod").isTrue();
    assertThat(spec.path("policyTypes").get(0).asString()).isEqualTo("Ingress");
    assertThat(spec.has("ingress")).as("admits nothing").isFalse();

    List<JsonNode> workloads = new java.util.ArrayList<>();
    for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
      workloads.addAll(c.manifests().all(kind));
    }
    assertThat(workloads).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode workload : workloads) {
      Pod pod = NetworkPolicies.pod(workload, "10.244.2.1");
      for (int port : List.of(80, 5432, 6379, 8080, 9000, 9324, 9400)) {
        assertThat(c.policies().allowsTcp(STRANGER, pod, port))
            .as(
                "a pod of another namespace to %s:%d",
                workload.path("metadata").path("name").asString(), port)
            .isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theApiIsReachedThroughTheIngressControllerAndScrapedByPrometheusOnly(String overlay) {
    Cluster c = Cluster.of(overlay);
    int http = c.api().ports().get("http");
    assertThat(http).isEqualTo(8080);
    assertThat(c.policies().allowsTcp(INGRESS_CONTROLLER, c.api(), http)).isTrue();
    assertThat(c.policies().allowsTcp(PROMETHEUS, c.api(), http)).isTrue();
    assertThat(c.policies().allowsTcp(INGRESS_CONTROLLER, c.api(), 9400)).isFalse();
    assertThat(c.policies().allowsTcp(GRAFANA, c.api(), http)).isFalse();
    assertThat(c.policies().allowsTcp(c.worker(), c.api(), http)).isFalse();
    assertThat(c.policies().allowsTcp(KEDA_OPERATOR, c.api(), http)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theWorkersTakeNoConnectionButPrometheussScrape(String overlay) {
    Cluster c = Cluster.of(overlay);
    int metrics = c.worker().ports().get("metrics");
    assertThat(metrics).isEqualTo(9400);
    assertThat(c.policies().allowsTcp(PROMETHEUS, c.worker(), metrics)).isTrue();
    assertThat(c.policies().allowsTcp(PROMETHEUS, c.worker(), 8080)).isFalse();
    assertThat(c.policies().allowsTcp(GRAFANA, c.worker(), metrics)).isFalse();
    assertThat(c.policies().allowsTcp(INGRESS_CONTROLLER, c.worker(), metrics)).isFalse();
    assertThat(c.policies().allowsTcp(c.api(), c.worker(), metrics)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theApiReachesDnsHttpsPostgresqlAndPrometheusOnly(String overlay) {
    Cluster c = Cluster.of(overlay);
    NetworkPolicies p = c.policies();
    assertThat(p.allows(c.api(), COREDNS, "UDP", 53)).isTrue();
    assertThat(p.allows(c.api(), COREDNS, "TCP", 53)).isTrue();
    assertThat(p.allowsTcp(c.api(), SQS_ENDPOINT, 443)).as("SQS, S3, STS, webhooks").isTrue();
    assertThat(p.allowsTcp(c.api(), RDS, 5432)).isTrue();
    assertThat(p.allowsTcp(c.api(), PROMETHEUS, 9090)).as("/collector status").isTrue();
    assertThat(p.allowsTcp(c.api(), GRAFANA, 9090)).isFalse();
    assertThat(p.allowsTcp(c.api(), ELASTICACHE, 6379)).as("Redis is the workers'").isFalse();
    assertThat(p.allowsTcp(c.api(), WEBSITE, 80)).isFalse();
    assertThat(p.allowsTcp(c.api(), INSTANCE_METADATA, 80)).isFalse();
    assertThat(p.allows(c.api(), STRANGER, "UDP", 53)).as("DNS from CoreDNS only").isFalse();
    assertThat(p.allowsTcp(c.api(), c.worker(), 9400)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theWorkersReachRedisAndThePublicInternetButNothingElsePrivate(String overlay) {
    Cluster c = Cluster.of(overlay);
    NetworkPolicies p = c.policies();
    assertThat(p.allows(c.worker(), COREDNS, "UDP", 53)).isTrue();
    assertThat(p.allowsTcp(c.worker(), SQS_ENDPOINT, 443)).isTrue();
    assertThat(p.allowsTcp(c.worker(), new Address("10.0.7.8"), 443))
        .as("an interface VPC endpoint")
        .isTrue();
    assertThat(p.allowsTcp(c.worker(), ELASTICACHE, 6379)).isTrue();
    assertThat(p.allowsTcp(c.worker(), WEBSITE, 80)).as("a site over plain HTTP").isTrue();
    assertThat(p.allowsTcp(c.worker(), PROXY, 3128)).as("a proxy on its own port").isTrue();
    assertThat(p.allowsTcp(c.worker(), RDS, 5432)).isFalse();
    assertThat(p.allowsTcp(c.worker(), new Address("172.20.0.10"), 8080)).isFalse();
    assertThat(p.allowsTcp(c.worker(), INSTANCE_METADATA, 80)).isFalse();
    assertThat(p.allowsTcp(c.worker(), c.api(), 8080)).isFalse();
    assertThat(p.allowsTcp(c.worker(), PROMETHEUS, 9090)).isFalse();
  }

  @Test
  void theLocalStandInsAreReachedByWhatUsesThemAndByNothingElse() {
    Cluster c = Cluster.of("local");
    NetworkPolicies p = c.policies();
    Pod sqs = c.pod("Deployment", "sqs", "10.244.3.1");
    Pod s3 = c.pod("Deployment", "s3", "10.244.3.2");
    Pod postgres = c.pod("StatefulSet", "postgres", "10.244.3.3");
    Pod bucketJob = c.pod("Job", "s3-bucket", "10.244.3.4");
    for (Pod collector : List.of(c.api(), c.worker())) {
      assertThat(p.allowsTcp(collector, sqs, 9324)).isTrue();
      assertThat(p.allowsTcp(collector, s3, 9000)).isTrue();
    }
    assertThat(p.allowsTcp(c.api(), postgres, 5432)).isTrue();
    assertThat(p.allowsTcp(KEDA_OPERATOR, sqs, 9324)).as("the scaler reads the queue").isTrue();
    assertThat(p.allowsTcp(bucketJob, s3, 9000)).as("the Job creates the bucket").isTrue();

    assertThat(p.allowsTcp(c.worker(), postgres, 5432)).isFalse();
    assertThat(p.allowsTcp(KEDA_OPERATOR, s3, 9000)).isFalse();
    assertThat(p.allowsTcp(STRANGER, sqs, 9324)).isFalse();
    assertThat(p.allowsTcp(bucketJob, sqs, 9324)).isFalse();
  }

  @Test
  void theJudgeReadsSelectorsPortsAndAddressBlocks() {
    // The judge itself: a policy it would misread passes everything above unnoticed.
    JsonNode policy =
        Yaml.read(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: ns}
            spec:
              podSelector: {matchLabels: {app: a}}
              policyTypes: [Ingress, Egress]
              ingress:
                - from: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [b]}]}}]
                  ports: [{protocol: TCP, port: web}]
              egress:
                - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
                  ports: [{protocol: TCP, port: 1000, endPort: 1010}]
            """);
    NetworkPolicies p = new NetworkPolicies(List.of(policy));
    Pod a = new Pod("ns", Map.of("app", "a"), Map.of("web", 8443), "10.9.0.1");
    Pod b = new Pod("ns", Map.of("app", "b"), Map.of(), "10.9.0.2");
    Pod bElsewhere = new Pod("other", Map.of("app", "b"), Map.of(), "10.9.0.3");
    assertThat(p.allowsTcp(b, a, 8443)).isTrue();
    assertThat(p.allowsTcp(b, a, 8080)).isFalse();
    assertThat(p.allowsTcp(bElsewhere, a, 8443)).as("podSelector alone: own namespace").isFalse();
    assertThat(p.allowsTcp(a, new Address("10.2.3.4"), 1005)).isTrue();
    assertThat(p.allowsTcp(a, new Address("10.2.3.4"), 1011)).isFalse();
    assertThat(p.allowsTcp(a, new Address("10.1.3.4"), 1005)).as("except").isFalse();
    assertThat(p.allows(a, new Address("10.2.3.4"), "UDP", 1005)).isFalse();
    assertThat(p.allowsTcp(b, bElsewhere, 1)).as("pods no policy selects are open").isTrue();
  }
}
