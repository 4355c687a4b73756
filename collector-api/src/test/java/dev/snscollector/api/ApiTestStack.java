package dev.snscollector.api;

import dev.snscollector.api.db.Database;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.localstack.QueueProbe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real servers a test of the service needs, in-process: PostgreSQL (zonky, one per test class:
 * it takes seconds to start), ElasticMQ and S3Proxy; and the API replicas started on them.
 */
final class ApiTestStack implements AutoCloseable {
  /** A fixed test key ring: tokens sealed in a test open only in tests. */
  static final String TOKEN_KEYS =
      "test1:" + Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');

  final EmbeddedPostgres pg;
  final LocalStack local;
  final SqsClient sqs;
  final S3Client s3;
  private final List<CollectorApi> apis = new ArrayList<>();

  private ApiTestStack(EmbeddedPostgres pg, LocalStack local) {
    this.pg = pg;
    this.local = local;
    var credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                local.credentials().accessKeyId(), local.credentials().secretAccessKey()));
    this.sqs =
        SqsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(local.sqsEndpoint())
            .region(Region.of(local.region()))
            .credentialsProvider(credentials)
            .build();
    this.s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(local.s3Endpoint())
            .forcePathStyle(true)
            .region(Region.of(local.region()))
            .credentialsProvider(credentials)
            .build();
  }

  static ApiTestStack start() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      // Migrate once up front, so that a test may reset the tables before its first replica.
      Database.open(pg.getJdbcUrl("postgres", "postgres"), null, null, 2).close();
      return new ApiTestStack(pg, LocalStack.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a replica is configured with in tests: this stack, fast loops, a test key ring. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(local.environment());
    env.put("DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"));
    env.put("DATABASE_POOL_SIZE", "8");
    env.put("API_HOST", "127.0.0.1");
    env.put("API_PORT", "0");
    env.put("TOKEN_KEYS", TOKEN_KEYS);
    env.put("OUTBOX_POLL_MILLIS", "50");
    env.put("SCHEDULE_POLL_MILLIS", "100");
    env.put("WEBHOOK_POLL_MILLIS", "50");
    env.put("RESULTS_WAIT_SECONDS", "1");
    env.put("SHUTDOWN_GRACE_SECONDS", "2");
    return env;
  }

  CollectorApi startApi(Map<String, String> overrides) {
    return startApi(overrides, Clock.systemUTC());
  }

  CollectorApi startApi(Map<String, String> overrides, Clock clock) {
    Map<String, String> env = environment();
    env.putAll(overrides);
    CollectorApi api = CollectorApi.start(ApiConfig.fromEnvironment(env), clock);
    apis.add(api);
    return api;
  }

  /** Empties every table but the schema history, and both queues. */
  void reset() {
    execute(
        "truncate jobs, outbox, outbox_send_attempts, idempotency_keys, accounts, schedules, schedule_ticks,"
            + " creator_erasures, partition_queue, creator_profiles, creator_posts, creator_history,"
            + " creator_objects, slack_commands, paused_scopes,"
            + " webhook_deliveries, api_keys");
    sqs.purgeQueue(r -> r.queueUrl(local.jobsQueueUrl()));
    sqs.purgeQueue(r -> r.queueUrl(local.resultsQueueUrl()));
    sqs.purgeQueue(r -> r.queueUrl(local.deadLetterQueueUrl()));
  }

  void execute(String sql, Object... params) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count(String sql, Object... params) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Waits until {@code condition} holds; fails the test after {@code deadline}. */
  static void await(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Stops the replicas started so far (those of one test). */
  void stopApis() {
    apis.forEach(CollectorApi::close);
    apis.clear();
  }

  /** Receives and deletes every message until none has come for {@code quiet}. */
  List<Message> drain(String queueUrl, Duration quiet) {
    return new QueueProbe(sqs).drain(queueUrl, quiet);
  }

  /** Visible plus in-flight messages on a queue. */
  int approximateMessages(String queueUrl) {
    return new QueueProbe(sqs).approximateMessages(queueUrl);
  }

  @Override
  public void close() {
    stopApis();
    sqs.close();
    s3.close();
    local.close();
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
