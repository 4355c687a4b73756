package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void findsTheMetricsAndNotTheFunctionsLabelsOrVariables() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, route) "
                    + "(rate(collector_fetch_duration_seconds_bucket{route=\"api\"}[$__rate_interval])))"))
        .containsExactly("collector_fetch_duration_seconds_bucket");
    assertThat(
            PromQl.metricNames(
                "(sum(increase(a_total[15m])) or vector(0)) + on() group_left (x) b offset 1d > 1e3"))
        .containsExactly("a_total", "b");
    assertThat(PromQl.metricNames("sum(x) by (platform) > 3 * sum without (pod) (y[1d:5m])"))
        .containsExactly("x", "y");
    assertThat(PromQl.metricNames("1 - clamp_max(p + q, 1) == bool 0")).containsExactly("p", "q");
  }
}
