package dev.snscollector.launcher;

import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The environment the command-line tools talk to: the process environment, completed from {@code
 * .collector/local/env} (written by {@code ./collector local}) when no queue is configured.
 */
final class CliEnvironment {
  private CliEnvironment() {}

  static Map<String, String> get() {
    Map<String, String> env = new HashMap<>();
    Path file = LoadRun.home().resolve(".collector/local/env");
    if (System.getenv("JOBS_QUEUE_URL") == null && Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String l = line.replaceFirst("^export ", "");
          int eq = l.indexOf('=');
          if (eq > 0) {
            env.put(l.substring(0, eq), l.substring(eq + 1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    env.putAll(System.getenv());
    return env;
  }

  static SqsClient sqs(Map<String, String> env) {
    String endpoint = env.get("SQS_ENDPOINT");
    return AwsClients.sqs(
        endpoint == null ? null : URI.create(endpoint),
        env.getOrDefault("AWS_REGION", "us-east-1"),
        keys(env));
  }

  static S3Client s3(Map<String, String> env) {
    String endpoint = env.get("S3_ENDPOINT");
    return AwsClients.s3(
        endpoint == null ? null : URI.create(endpoint),
        env.getOrDefault("AWS_REGION", "us-east-1"),
        keys(env));
  }

  private static WorkerConfig.@org.jspecify.annotations.Nullable AwsKeys keys(
      Map<String, String> env) {
    return WorkerConfig.AwsKeys.from(
        env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"));
  }
}
