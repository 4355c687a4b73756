package dev.snscollector.ops;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which process exports a metric, by its prefix: the API's are {@code collector_api_*} and {@code
 * collector_webhook_*}; every other name is the worker's (its own, its proxy pool's and its route
 * breakers' {@code resilience4j_*}).
 */
enum MetricOwner {
  WORKER,
  API;

  static MetricOwner of(String name) {
    return name.startsWith("collector_api_") || name.startsWith("collector_webhook_")
        ? API
        : WORKER;
  }

  /** Every metric the dashboard, the alerts and the catalogue name that this process exports. */
  Set<String> namedByOperationsFiles() {
    Set<String> names = new TreeSet<>();
    MetricQueries.alertExpressions().forEach(e -> names.addAll(PromQl.metricNames(e)));
    MetricQueries.dashboardExpressions().forEach(e -> names.addAll(PromQl.metricNames(e)));
    names.removeIf(n -> of(n) != this);
    return names;
  }

  /** What a scrape of this process must show: the names queried, less {@link NotScraped}'s. */
  Set<String> expectedSamples() {
    Set<String> names = namedByOperationsFiles();
    names.removeIf(NotScraped::covers);
    return names;
  }

  /** The catalogue's names for this process. */
  Set<String> catalogued() {
    Set<String> names = new TreeSet<>(MetricQueries.catalogue());
    names.removeIf(n -> of(n) != this);
    return names;
  }

  /**
   * Checks a scrape of this process against the operations files: every name they query is a sample
   * it exports (or is in {@link NotScraped}), the catalogue lists exactly its families (a
   * histogram's {@code _max} gauge goes with the histogram), and {@link NotScraped}'s entries for
   * it are registered in the code and really absent.
   */
  void check(Exposition scrape) {
    Set<String> samples = scrape.sampleNames();
    for (String name : namedByOperationsFiles()) {
      if (!samples.contains(name) && !NotScraped.covers(name)) {
        throw new AssertionError(
            name
                + " is queried by the dashboard or the alerts, but "
                + this
                + " does not export"
                + " it (and NotScraped does not list it); exported: "
                + samples);
      }
    }
    Set<String> catalogued = catalogued();
    Set<String> families = new TreeSet<>();
    for (String family : scrape.families()) {
      if (!(family.startsWith("collector_")
              || family.startsWith("proxypool_")
              || family.startsWith("resilience4j_"))
          || of(family) != this) {
        continue;
      }
      String base = family.substring(0, family.length() - "_max".length());
      families.add(family.endsWith("_max") && catalogued.contains(base) ? base : family);
    }
    for (String family : families) {
      if (!catalogued.contains(family)) {
        throw new AssertionError(
            family + " is exported by " + this + " but not in docs/metrics.md");
      }
    }
    for (String name : catalogued) {
      if (!families.contains(name) && !NotScraped.covers(name)) {
        throw new AssertionError(
            name
                + " is in docs/metrics.md but "
                + this
                + " does not export it; exported: "
                + families);
      }
    }
    Set<String> exported = new TreeSet<>(samples);
    exported.addAll(scrape.families());
    for (NotScraped entry : NotScraped.ALL) {
      if (!entry.module().equals(this == API ? "collector-api" : "crawler-worker")) {
        continue;
      }
      if (!SourceText.names(SourceText.of(entry.module()), entry.registeredAs())) {
        throw new AssertionError(entry.module() + " does not register " + entry.registeredAs());
      }
      for (String name : entry.names()) {
        if (exported.contains(name)) {
          throw new AssertionError(name + " is exported now: remove it from NotScraped");
        }
      }
    }
  }
}
