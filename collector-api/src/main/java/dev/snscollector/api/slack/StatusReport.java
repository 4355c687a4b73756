package dev.snscollector.api.slack;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.jobs.JobStore;
import dev.snscollector.api.ops.DeadLetterRedrive;
import dev.snscollector.api.ops.PausedScopesList;
import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The answers of {@code /collector status} and {@code /collector job <id>}. What the service knows
 * comes from its database and the jobs queue; what only the workers know (their circuit breakers,
 * their proxies cooling down, jobs in flight) from the Prometheus that scrapes them ({@code
 * PROMETHEUS_URL}), so the answer covers the whole fleet, not one replica's view.
 */
final class StatusReport {
  /** Three queries in a row must leave the answer within Slack's 3 s. */
  private static final Duration PROMETHEUS_TIMEOUT = Duration.ofMillis(700);

  private final Database db;
  private final JobStore jobs;
  private final SqsClient sqs;
  private final String jobsQueueUrl;
  private final PausedScopesList pauses;
  private final DeadLetterRedrive deadLetters;
  private final @Nullable URI prometheus;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(PROMETHEUS_TIMEOUT).build();

  StatusReport(
      Database db,
      JobStore jobs,
      SqsClient sqs,
      String jobsQueueUrl,
      PausedScopesList pauses,
      DeadLetterRedrive deadLetters,
      @Nullable URI prometheus) {
    this.db = db;
    this.jobs = jobs;
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
    this.pauses = pauses;
    this.deadLetters = deadLetters;
    this.prometheus = prometheus;
  }

  String status(Instant now) {
    Map<QueueAttributeName, String> queue =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(jobsQueueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    StringBuilder out =
        new StringBuilder("*Jobs queue*: ")
            .append(queue.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?"))
            .append(" waiting, ")
            .append(
                queue.getOrDefault(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "?"))
            .append(" in flight\n");
    out.append("*Dead-letter queue*: ");
    try {
      out.append(deadLetters.waiting(deadLetters.queues())).append(" messages\n");
    } catch (RuntimeException e) {
      out.append("unknown (").append(e.getClass().getSimpleName()).append(")\n");
    }
    Map<String, PausedScopesList.Pause> paused = pauses.paused();
    out.append("*Paused*: ");
    if (paused.isEmpty()) {
      out.append("nothing\n");
    } else {
      List<String> items = new ArrayList<>();
      paused.values().forEach(p -> items.add(p.scope() + " (by <@" + p.by() + "> " + p.at() + ")"));
      out.append(String.join(", ", items)).append('\n');
    }
    db.read(
        "slack status",
        c -> {
          out.append("*Jobs not finished*: ");
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select state, count(*) from jobs where state in ('accepted', 'queued')"
                          + " group by state order by state");
              ResultSet rs = s.executeQuery()) {
            StringBuilder states = new StringBuilder();
            while (rs.next()) {
              states
                  .append(states.isEmpty() ? "" : ", ")
                  .append(rs.getLong(2))
                  .append(' ')
                  .append(rs.getString(1));
            }
            out.append(states.isEmpty() ? "none" : states).append('\n');
          }
          out.append("*Last hour* (platform, route: outcomes):\n");
          try (PreparedStatement s =
              c.prepareStatement(
                  "select platform, coalesce(routes->-1->>'route', '-'), outcome, count(*)"
                      + " from jobs where finished_at > ? group by 1, 2, 3 order by 1, 2, 3")) {
            s.setTimestamp(1, Timestamp.from(now.minus(Duration.ofHours(1))));
            try (ResultSet rs = s.executeQuery()) {
              Map<String, StringBuilder> lines = new LinkedHashMap<>();
              while (rs.next()) {
                StringBuilder line =
                    lines.computeIfAbsent(
                        rs.getString(1) + ", " + rs.getString(2), k -> new StringBuilder());
                line.append(line.isEmpty() ? "" : ", ")
                    .append(rs.getString(3))
                    .append(' ')
                    .append(rs.getLong(4));
              }
              lines.forEach(
                  (k, v) -> out.append("• ").append(k).append(": ").append(v).append('\n'));
              if (lines.isEmpty()) {
                out.append("• no job finished\n");
              }
            }
          }
          return out;
        });
    fleet(out);
    return out.toString().strip();
  }

  /** The workers' side, from Prometheus. */
  private void fleet(StringBuilder out) {
    URI base = prometheus;
    if (base == null) {
      out.append("*Workers*: PROMETHEUS_URL is not set, so breakers and proxies are not shown\n");
      return;
    }
    try {
      List<JsonNode> inFlight = query(base, "sum(collector_jobs_in_flight)");
      List<JsonNode> breakers =
          query(
              base,
              "max by (name, state) (resilience4j_circuitbreaker_state"
                  + "{state=~\"open|half_open|forced_open\"}) > 0");
      List<JsonNode> cooling = query(base, "max by (proxy) (proxypool_cooling_down) > 0");
      out.append("*Workers*: ")
          .append(
              inFlight.isEmpty()
                  ? "no worker reporting"
                  : inFlight.getFirst().path("value").path(1).asString("?") + " jobs in flight")
          .append('\n');
      out.append("*Open breakers*: ")
          .append(
              labels(
                  breakers, m -> m.path("name").asString("?") + " " + m.path("state").asString("")))
          .append('\n');
      out.append("*Proxies cooling down*: ")
          .append(labels(cooling, m -> m.path("proxy").asString("?")))
          .append('\n');
    } catch (IOException | RuntimeException e) {
      out.append("*Workers*: Prometheus did not answer (")
          .append(e.getClass().getSimpleName())
          .append(")\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String labels(
      List<JsonNode> series, java.util.function.Function<JsonNode, String> label) {
    if (series.isEmpty()) {
      return "none";
    }
    return String.join(
        ", ", series.stream().map(s -> label.apply(s.path("metric"))).sorted().toList());
  }

  /** An instant query's result vector ({@code /api/v1/query}). */
  private List<JsonNode> query(URI base, String promql) throws IOException, InterruptedException {
    URI url =
        URI.create(
            base.toString().replaceAll("/+$", "")
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(url).timeout(PROMETHEUS_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode doc = Json.MAPPER.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(doc.path("status").asString(""))) {
      throw new IOException(
          "Prometheus answered " + response.statusCode() + ": " + doc.path("error").asString(""));
    }
    List<JsonNode> out = new ArrayList<>();
    doc.path("data").path("result").forEach(out::add);
    return out;
  }

  String job(String id) {
    return jobs.find(id)
        .map(
            j ->
                "*"
                    + id
                    + "*: "
                    + j.state().wireName()
                    + (j.outcome() == null ? "" : ", outcome " + j.outcome().wireName())
                    + ", "
                    + j.attempts()
                    + " attempts"
                    + (j.replayOf() == null ? "" : ", a replay of " + j.replayOf())
                    + (j.detail() == null ? "" : "\n" + j.detail())
                    + (j.routes().isEmpty()
                        ? ""
                        : "\nroutes: "
                            + String.join(
                                ", ",
                                j.routes().stream()
                                    .map(r -> r.route().wireName() + " " + r.outcome().wireName())
                                    .toList())))
        .orElse("No job " + id + ".");
  }
}
