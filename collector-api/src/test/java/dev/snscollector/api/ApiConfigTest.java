package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  /** The variables the API cannot start without, and nothing else. */
  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "jdbc:postgresql://db:5432/collector?password=url-secret");
    env.put("DATABASE_USER", "collector");
    env.put("DATABASE_PASSWORD", "db-secret");
    env.put("JOBS_QUEUE_URL", "https://sqs.ap-northeast-2.amazonaws.com/1/jobs");
    env.put("RESULTS_QUEUE_URL", "https://sqs.ap-northeast-2.amazonaws.com/1/results");
    env.put("BUCKET", "collector-records");
    return env;
  }

  @Test
  void defaultsFillWhatTheEnvironmentLeavesOut() {
    ApiConfig c = ApiConfig.fromEnvironment(minimal());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(c.database().poolSize()).isEqualTo(10);
    assertThat(c.aws().region()).isEqualTo("us-east-1");
    assertThat(c.tokens().keys()).isNull();
    assertThat(c.tokens().instagramGraphBaseUrl()).hasToString("https://graph.instagram.com");
    assertThat(c.webhooks().enabled()).isFalse();
    assertThat(c.loops().resultsWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.idempotencyRetention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void secretsNeverShowInItsDescription() {
    Map<String, String> env = minimal();
    env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "aws-secret");
    env.put("WEBHOOK_URL", "https://platform.example/hooks?token=hook-secret");
    env.put("WEBHOOK_SECRET", "signing-secret");
    env.put("API_ADMIN_KEY", "ck_admin-secret");
    env.put("TOKEN_KEYS", ApiTestStack.TOKEN_KEYS);

    String shown = ApiConfig.fromEnvironment(env).toString();

    assertThat(shown)
        .contains("jdbc:postgresql://db:5432/collector", "AKIAEXAMPLE", "platform.example/hooks")
        .doesNotContain("url-secret", "db-secret", "aws-secret", "hook-secret", "signing-secret")
        .doesNotContain("ck_admin-secret", ApiTestStack.TOKEN_KEYS.substring(6));
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "mysql://db");
    env.put("API_PORT", "70000");
    env.put("WEBHOOK_URL", "https://platform.example/hooks");
    assertThatThrownBy(() -> ApiConfig.fromEnvironment(env))
        .hasMessageContaining("DATABASE_URL must be a jdbc:postgresql: URL")
        .hasMessageContaining("API_PORT=70000 is outside 0..65535")
        .hasMessageContaining("JOBS_QUEUE_URL is required")
        .hasMessageContaining("BUCKET is required")
        .hasMessageContaining("WEBHOOK_SECRET is required with WEBHOOK_URL");
  }
}
