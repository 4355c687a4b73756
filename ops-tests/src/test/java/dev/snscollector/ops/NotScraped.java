package dev.snscollector.ops;

import java.util.List;

/**
 * A metric that the dashboard, the alerts or the catalogue name but that the test's worker run
 * cannot make appear. Kept short and explicit rather than skipped silently: each entry says why,
 * and the tests check that the module's main sources register it under {@code registeredAs} and
 * that the scrape indeed lacks it (an entry the run does export must be removed).
 *
 * @param names the Prometheus names it covers (samples and families)
 * @param module where it is registered
 * @param registeredAs the name as the code registers it with Micrometer
 * @param why why the run cannot show it
 */
record NotScraped(List<String> names, String module, String registeredAs, String why) {
  static final List<NotScraped> ALL =
      List.of(
          new NotScraped(
              List.of("collector_job_deferrals_total"),
              "crawler-worker",
              "collector_job_deferrals_total",
              "counted when no proxy is healthy for a page route; the test's proxy stays healthy"),
          new NotScraped(
              List.of("collector_api_token_refreshes_total"),
              "collector-api",
              "collector_api_token_refreshes",
              "counted when an Instagram token is due for refresh; the test stores no token"));

  static boolean covers(String name) {
    return ALL.stream().anyMatch(n -> n.names().contains(name));
  }
}
