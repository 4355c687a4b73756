package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker/compose.yaml without a Docker engine: it parses, references only files that exist, runs
 * the images' own entrypoints, lets the workers scale, and agrees with the ElasticMQ, Prometheus
 * and Grafana configuration it mounts.
 */
class ComposeFileTest {
  private static JsonNode compose;
  private static JsonNode services;

  @BeforeAll
  static void parse() {
    compose = Yaml.readResolvingAliases(Repo.read("docker/compose.yaml"));
    services = compose.path("services");
  }

  @Test
  void hasTheWholeStack() {
    assertThat(services.propertyNames())
        .contains("sqs", "s3", "postgres", "prometheus", "grafana", "api", "worker");
  }

  @Test
  void everyBuildAndEveryMountedFileExists() {
    Path dir = Repo.path("docker");
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> service : services.properties()) {
      JsonNode build = service.getValue().path("build");
      if (!build.isMissingNode()) {
        Path context = dir.resolve(build.path("context").asString()).normalize();
        assertThat(context.resolve(build.path("dockerfile").asString())).exists();
        checked.add(service.getKey() + " build");
      }
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asString().split(":")[0];
        if (source.startsWith(".")) { // a bind mount; named volumes need nothing
          assertThat(dir.resolve(source).normalize()).as(service.getKey()).exists();
          checked.add(source);
        }
      }
    }
    assertThat(checked)
        .contains("api build", "worker build", "./elasticmq.conf", "./prometheus.yml")
        .contains("../deploy/prometheus/alerts.yaml", "../deploy/grafana/collector-dashboard.json");
  }

  @Test
  void theApiAndTheWorkersRunTheImagesEntrypoints() {
    assertThat(entrypointOf("api")).isEqualTo("api");
    assertThat(entrypointOf("worker")).isEqualTo("worker");
    for (String service : List.of("api", "worker")) {
      assertThat(services.path(service).has("command"))
          .as(service + " keeps the entrypoint")
          .isFalse();
      assertThat(services.path(service).has("entrypoint")).isFalse();
    }
  }

  @Test
  void workersScaleWithNoNameAndNoHostPortAndStopAfterTheirGrace() {
    JsonNode worker = services.path("worker");
    assertThat(worker.has("container_name")).isFalse();
    assertThat(worker.has("ports")).as("a host port would collide at --scale worker=2").isFalse();
    Map<String, String> env = Yaml.environment(worker);
    int grace = Integer.parseInt(env.get("SHUTDOWN_GRACE_SECONDS"));
    String stop = worker.path("stop_grace_period").asString();
    assertThat(stop).endsWith("s");
    assertThat(Integer.parseInt(stop.replace("s", ""))).isGreaterThan(grace + 5);
  }

  @Test
  void theQueuesTheWorkersReadAreTheOnesElasticMqCreates() {
    Map<String, String> env = Yaml.environment(services.path("worker"));
    Config mq = ConfigFactory.parseFile(Repo.path("docker/elasticmq.conf").toFile());
    URI sqs = URI.create(env.get("SQS_ENDPOINT"));
    assertThat(mq.getString("node-address.host")).isEqualTo(sqs.getHost());
    assertThat(mq.getInt("node-address.port")).isEqualTo(sqs.getPort());
    assertThat(mq.getInt("rest-sqs.bind-port")).isEqualTo(sqs.getPort());
    assertThat(services.path("sqs").path("volumes").get(0).asString())
        .endsWith(":/opt/elasticmq.conf:ro");

    String jobs = queueName(env.get("JOBS_QUEUE_URL"), sqs);
    String dlq = queueName(env.get("DLQ_URL"), sqs);
    String results = queueName(env.get("RESULTS_QUEUE_URL"), sqs);
    Config jobsQueue = mq.getConfig("queues." + jobs);
    assertThat(jobsQueue.getString("deadLettersQueue.name")).isEqualTo(dlq);
    assertThat(jobsQueue.getInt("deadLettersQueue.maxReceiveCount"))
        .as("MAX_RECEIVES must equal the redrive policy's maxReceiveCount")
        .isEqualTo(Integer.parseInt(env.get("MAX_RECEIVES")));
    assertThat(jobsQueue.getDuration("defaultVisibilityTimeout").toSeconds())
        .isEqualTo(Long.parseLong(env.get("VISIBILITY_TIMEOUT_SECONDS")));
    assertThat(mq.hasPath("queues." + dlq)).isTrue();
    assertThat(mq.hasPath("queues." + results)).isTrue();

    Map<String, String> api = Yaml.environment(services.path("api"));
    assertThat(api.get("JOBS_QUEUE_URL")).isEqualTo(env.get("JOBS_QUEUE_URL"));
    assertThat(api.get("RESULTS_QUEUE_URL")).isEqualTo(env.get("RESULTS_QUEUE_URL"));
    assertThat(api.get("BUCKET")).isEqualTo(env.get("BUCKET"));
    assertThat(services.path("s3-bucket").path("command").get(0).asString())
        .contains("--bucket " + env.get("BUCKET"));
  }

  @Test
  void secretsComeFromTheEnvironmentNeverFromTheFile() {
    for (String service : List.of("api", "worker", "postgres")) {
      Yaml.environment(services.path(service)).entrySet().stream()
          .filter(
              e ->
                  e.getKey().matches(".*(PASSWORD|SECRET|TOKEN_KEYS|ADMIN_KEY|API_KEY).*")
                      && !e.getKey().equals("AWS_SECRET_ACCESS_KEY"))
          .forEach(e -> assertThat(e.getValue()).as(service + " " + e.getKey()).startsWith("${"));
    }
  }

  @Test
  void everyVariableTheApiAndTheWorkersGetIsOneTheCodeReads() {
    String worker = SourceText.of("crawler-worker", "proxy-pool", "contracts", "launcher");
    String api = SourceText.of("collector-api", "contracts", "launcher");
    Yaml.environment(services.path("worker"))
        .keySet()
        .forEach(
            name ->
                assertThat(SourceText.names(worker, name)).as("the worker reads " + name).isTrue());
    Yaml.environment(services.path("api"))
        .keySet()
        .forEach(
            name -> assertThat(SourceText.names(api, name)).as("the API reads " + name).isTrue());
  }

  @Test
  void prometheusScrapesTheWorkersAndTheApiAndLoadsTheAlertRules() {
    JsonNode prometheus = Yaml.read(Repo.read("docker/prometheus.yml"));
    List<String> mounts = new ArrayList<>();
    services.path("prometheus").path("volumes").forEach(v -> mounts.add(v.asString()));
    assertThat(mounts)
        .contains(
            "../deploy/prometheus/alerts.yaml:/etc/prometheus/rules/collector-alerts.yaml:ro");
    assertThat(prometheus.path("rule_files").get(0).asString())
        .isEqualTo("/etc/prometheus/rules/*.yaml");

    Map<String, JsonNode> jobs = new java.util.HashMap<>();
    prometheus.path("scrape_configs").forEach(j -> jobs.put(j.path("job_name").asString(), j));
    JsonNode worker = jobs.get("worker").path("dns_sd_configs").get(0);
    assertThat(worker.path("names").get(0).asString()).isEqualTo("worker");
    assertThat(worker.path("port").asString())
        .isEqualTo(Yaml.environment(services.path("worker")).get("METRICS_PORT"));
    JsonNode api = jobs.get("api").path("dns_sd_configs").get(0);
    assertThat(api.path("names").get(0).asString()).isEqualTo("api");
    assertThat(api.path("port").asString())
        .isEqualTo(Yaml.environment(services.path("api")).get("API_PORT"));
  }

  @Test
  void grafanaProvisionsTheDashboardFromTheRepository() {
    JsonNode provider =
        Yaml.read(Repo.read("docker/grafana/provisioning/dashboards/collector.yaml"))
            .path("providers")
            .get(0);
    String dashboards = provider.path("options").path("path").asString();
    List<String> mounts = new ArrayList<>();
    services.path("grafana").path("volumes").forEach(v -> mounts.add(v.asString()));
    assertThat(mounts)
        .contains(
            "../deploy/grafana/collector-dashboard.json:"
                + dashboards
                + "/collector-dashboard.json:ro",
            "./grafana/provisioning:/etc/grafana/provisioning:ro");
    JsonNode datasource =
        Yaml.read(Repo.read("docker/grafana/provisioning/datasources/prometheus.yaml"))
            .path("datasources")
            .get(0);
    assertThat(datasource.path("url").asString()).isEqualTo("http://prometheus:9090");
  }

  private static String entrypointOf(String service) {
    String dockerfile = services.path(service).path("build").path("dockerfile").asString();
    return ImageCommand.of(Dockerfile.parse(Repo.path(dockerfile))).subcommand();
  }

  private static String queueName(String url, URI endpoint) {
    URI u = URI.create(url);
    assertThat(u.getHost()).isEqualTo(endpoint.getHost());
    assertThat(u.getPort()).isEqualTo(endpoint.getPort());
    String path = u.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
