package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl kustomize} renders both overlays of deploy/k8s, and what it renders holds
 * together: KEDA scales the workers on the queue they read, down to zero; the workers' termination
 * grace covers their graceful shutdown; requests are set; no secret is in the manifests; every
 * variable handed to a container is one the code reads.
 */
class KustomizeRenderTest {
  @BeforeAll
  static void findKubectl() {
    Kubectl.require();
  }

  private static Manifests render(String overlay) {
    return Overlays.render(overlay);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void kedaScalesTheWorkersOnTheQueueTheyReadDownToZero(String overlay) {
    Manifests m = render(overlay);
    JsonNode worker = m.one("Deployment", "collector-worker");
    Map<String, String> env = m.environment(worker);
    JsonNode scaler = m.one("ScaledObject", "collector-worker");

    assertThat(scaler.path("apiVersion").asString()).isEqualTo("keda.sh/v1alpha1");
    assertThat(scaler.path("spec").path("scaleTargetRef").path("name").asString())
        .isEqualTo("collector-worker");
    assertThat(scaler.path("spec").path("minReplicaCount").asInt()).isZero();
    assertThat(scaler.path("spec").path("maxReplicaCount").asInt()).isPositive();
    JsonNode trigger = scaler.path("spec").path("triggers").get(0);
    assertThat(trigger.path("type").asString()).isEqualTo("aws-sqs-queue");
    JsonNode metadata = trigger.path("metadata");
    assertThat(env.get("JOBS_QUEUE_URL")).startsWith("http");
    assertThat(metadata.path("queueURL").asString()).isEqualTo(env.get("JOBS_QUEUE_URL"));
    assertThat(metadata.path("awsRegion").asString()).isEqualTo(env.get("AWS_REGION"));
    if (env.containsKey("SQS_ENDPOINT")) {
      assertThat(metadata.path("awsEndpoint").asString()).isEqualTo(env.get("SQS_ENDPOINT"));
    } else {
      assertThat(metadata.has("awsEndpoint")).isFalse();
    }
    JsonNode auth =
        m.one("TriggerAuthentication", trigger.path("authenticationRef").path("name").asString());
    if (overlay.equals("aws")) {
      assertThat(auth.path("spec").path("podIdentity").path("provider").asString())
          .isEqualTo("aws");
      assertThat(
              m.one("ServiceAccount", "collector-worker")
                  .path("metadata")
                  .path("annotations")
                  .path("eks.amazonaws.com/role-arn")
                  .asString())
          .startsWith("arn:aws:iam::");
    } else {
      for (JsonNode ref : auth.path("spec").path("configMapTargetRef")) {
        m.one("ConfigMap", ref.path("name").asString()); // the generated name was followed
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void workersDrainWithinTheirTerminationGraceAndBeforeTheirVisibilityRunsOut(String overlay) {
    Manifests m = render(overlay);
    JsonNode worker = m.one("Deployment", "collector-worker");
    Map<String, String> env = m.environment(worker);
    int termination =
        worker
            .path("spec")
            .path("template")
            .path("spec")
            .path("terminationGracePeriodSeconds")
            .asInt();
    int shutdownGrace = Integer.parseInt(env.get("SHUTDOWN_GRACE_SECONDS"));
    int visibility = Integer.parseInt(env.get("VISIBILITY_TIMEOUT_SECONDS"));
    assertThat(termination)
        .as("room to release unfinished jobs and flush batches after the grace")
        .isGreaterThanOrEqualTo(shutdownGrace + 10)
        .isLessThan(visibility);
    assertThat(env.get("METRICS_PORT")).isEqualTo("9400");
    assertThat(
            Manifests.container(worker)
                .path("livenessProbe")
                .path("httpGet")
                .path("path")
                .asString())
        .isEqualTo("/health");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void everyCollectorPodHasRequestsAMemoryLimitAndADisruptionBudget(String overlay) {
    Manifests m = render(overlay);
    for (String name : List.of("collector-api", "collector-worker")) {
      JsonNode deployment = m.one("Deployment", name);
      JsonNode resources = Manifests.container(deployment).path("resources");
      assertThat(resources.path("requests").path("cpu").asString()).as(name).isNotEmpty();
      assertThat(resources.path("requests").path("memory").asString()).as(name).isNotEmpty();
      assertThat(resources.path("limits").path("memory").asString()).as(name).isNotEmpty();
      JsonNode security =
          deployment.path("spec").path("template").path("spec").path("securityContext");
      assertThat(security.path("runAsNonRoot").asBoolean()).as(name).isTrue();
      JsonNode labels = deployment.path("spec").path("selector").path("matchLabels");
      assertThat(
              m.one("PodDisruptionBudget", name).path("spec").path("selector").path("matchLabels"))
          .isEqualTo(labels);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void theApiSitsBehindAServiceAndAnAutoscaler(String overlay) {
    Manifests m = render(overlay);
    JsonNode api = m.one("Deployment", "collector-api");
    JsonNode service = m.one("Service", "collector-api");
    assertThat(service.path("spec").path("selector"))
        .isEqualTo(api.path("spec").path("selector").path("matchLabels"));
    JsonNode hpa = m.one("HorizontalPodAutoscaler", "collector-api");
    assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asString())
        .isEqualTo("collector-api");
    assertThat(hpa.path("spec").path("minReplicas").asInt()).isPositive();
    assertThat(
            Manifests.container(api).path("readinessProbe").path("httpGet").path("path").asString())
        .isEqualTo("/health/ready");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void secretsComeFromTheClusterNeverFromTheManifests(String overlay) {
    Manifests m = render(overlay);
    assertThat(m.all("Secret")).as("no Secret object is rendered").isEmpty();
    List<String> referenced = new ArrayList<>();
    for (String name : List.of("collector-api", "collector-worker")) {
      m.environment(m.one("Deployment", name)).values().stream()
          .filter(v -> v.startsWith("<secret "))
          .forEach(v -> referenced.add(v.substring(8, v.indexOf('/'))));
      m.one("Deployment", name)
          .path("spec")
          .path("template")
          .path("spec")
          .path("volumes")
          .forEach(
              v -> {
                if (v.has("secret")) {
                  referenced.add(v.path("secret").path("secretName").asString());
                }
              });
    }
    assertThat(referenced).isNotEmpty().containsOnly("collector-secrets");
    if (overlay.equals("aws")) {
      JsonNode external = m.one("ExternalSecret", "collector-secrets");
      assertThat(external.path("spec").path("target").path("name").asString())
          .isEqualTo("collector-secrets");
    }
    // Sensitive settings never sit in a ConfigMap (the local stand-ins' dummy AWS keys aside).
    for (JsonNode configMap : m.all("ConfigMap")) {
      configMap
          .path("data")
          .propertyNames()
          .forEach(
              key ->
                  assertThat(key)
                      .as(configMap.path("metadata").path("name").asString())
                      .doesNotContain("PASSWORD", "TOKEN_KEYS", "WEBHOOK_SECRET", "ADMIN_KEY"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "aws"})
  void everyVariableAContainerGetsIsOneTheCodeReads(String overlay) {
    Manifests m = render(overlay);
    String worker = SourceText.of("crawler-worker", "proxy-pool", "contracts", "launcher");
    String api = SourceText.of("collector-api", "contracts", "launcher");
    m.environment(m.one("Deployment", "collector-worker"))
        .keySet()
        .forEach(
            name ->
                assertThat(SourceText.names(worker, name)).as("the worker reads " + name).isTrue());
    m.environment(m.one("Deployment", "collector-api"))
        .keySet()
        .forEach(
            name -> assertThat(SourceText.names(api, name)).as("the API reads " + name).isTrue());
  }
}
