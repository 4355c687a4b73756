package dev.snscollector.ops;

import dev.snscollector.contracts.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The PromQL of deploy/prometheus/alerts.yaml and deploy/grafana, and the names docs/metrics.md
 * lists.
 */
final class MetricQueries {
  private static final Pattern CATALOGUE_ROW = Pattern.compile("^\\| `([a-z_:][a-z0-9_:]*)` \\|");

  private MetricQueries() {}

  static JsonNode alerts() {
    return Yaml.read(Repo.read("deploy/prometheus/alerts.yaml"));
  }

  static JsonNode dashboard() {
    return Json.MAPPER.readTree(Repo.read("deploy/grafana/collector-dashboard.json"));
  }

  static List<String> alertExpressions() {
    List<String> exprs = new ArrayList<>();
    alerts()
        .path("groups")
        .forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asString())));
    return exprs;
  }

  static List<String> dashboardExpressions() {
    List<String> exprs = new ArrayList<>();
    collect(dashboard().path("panels"), exprs);
    return exprs;
  }

  private static void collect(JsonNode panels, List<String> exprs) {
    for (JsonNode panel : panels) {
      panel.path("targets").forEach(t -> exprs.add(t.path("expr").asString()));
      collect(panel.path("panels"), exprs);
    }
  }

  /** The names in the first column of docs/metrics.md's tables headed {@code | metric |}. */
  static Set<String> catalogue() {
    Set<String> names = new TreeSet<>();
    boolean inMetricTable = false;
    for (String line : Repo.read("docs/metrics.md").split("\n")) {
      if (!line.startsWith("|")) {
        inMetricTable = false;
      } else if (line.startsWith("| metric |")) {
        inMetricTable = true;
      } else if (inMetricTable) {
        Matcher m = CATALOGUE_ROW.matcher(line);
        if (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
