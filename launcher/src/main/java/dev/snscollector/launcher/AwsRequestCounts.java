package dev.snscollector.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's {@code collector_aws_requests_total}, read from its {@code /metrics} the way
 * Prometheus reads it: requests by service and operation, so a benchmark can say what a page cost
 * in AWS requests, not only in CPU.
 */
final class AwsRequestCounts {
  private static final Pattern SAMPLE =
      Pattern.compile("^collector_aws_requests_total\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI metrics;

  AwsRequestCounts(int port) {
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** A port nothing listens on now, for the worker's metrics. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Requests so far, by {@code "<service> <operation>"}; empty when the worker does not answer. */
  Map<String, Double> read() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? parse(response.body()) : Map.of();
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  static Map<String, Double> parse(String exposition) {
    Map<String, Double> counts = new TreeMap<>();
    Matcher sample = SAMPLE.matcher(exposition);
    while (sample.find()) {
      String service = "";
      String operation = "";
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        switch (label.group(1)) {
          case "service" -> service = label.group(2);
          case "operation" -> operation = label.group(2);
          default -> {}
        }
      }
      counts.merge(service + " " + operation, Double.parseDouble(sample.group(2)), Double::sum);
    }
    return counts;
  }

  /** {@code after - before} per page, as "SQS ReceiveMessage 0.13, ..., total 1.41". */
  static String perPage(Map<String, Double> before, Map<String, Double> after, int pages) {
    StringJoiner out = new StringJoiner(", ");
    double total = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      double n = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      if (n > 0) {
        total += n;
        out.add(String.format(Locale.ROOT, "%s %.3f", e.getKey(), n / Math.max(pages, 1)));
      }
    }
    out.add(String.format(Locale.ROOT, "total %.3f", total / Math.max(pages, 1)));
    return out.toString();
  }
}
