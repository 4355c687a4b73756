package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesConfigTest {
  private static Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("JOBS_QUEUE_URL", "http://sqs/jobs");
    env.put("RESULTS_QUEUE_URL", "http://sqs/results");
    env.put("DLQ_URL", "http://sqs/dlq");
    env.put("BUCKET", "b");
    return env;
  }

  @Test
  void proxySettingsAreReadAndTheirCredentialsNeverPrinted() {
    Map<String, String> env = base();
    env.put("PROXIES", "http://user:s3cret@10.0.0.1:3128,socks5://10.0.0.2:1080");
    env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
    env.put("NO_PROXY_DEFER_SECONDS", "5");
    WorkerConfig config = WorkerConfig.fromEnvironment(env);
    assertThat(config.routes().proxySettings())
        .containsEntry("PROXY_DOMAIN_INTERVAL_MILLIS", "0")
        .containsKey("PROXIES");
    assertThat(config.routes().deferWhenNoProxy()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.toString()).contains("<2 configured>").doesNotContain("s3cret");
  }

  @Test
  void badValuesAreNamed() {
    Map<String, String> env = base();
    env.put("BROWSER_ENABLED", "maybe");
    env.put("GRAPH_SLOW_FROM_PERCENT", "120");
    assertThatThrownBy(() -> WorkerConfig.fromEnvironment(env))
        .hasMessageContaining("BROWSER_ENABLED=maybe")
        .hasMessageContaining("GRAPH_SLOW_FROM_PERCENT=120");
  }
}
