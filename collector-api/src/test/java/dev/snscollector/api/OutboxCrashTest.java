package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.JobCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A replica killed with SIGKILL while it sends its outbox to SQS: each batch of ten is committed as
 * sent before the next is locked, so the replica that takes over sends at most that one batch
 * again, and marks those messages as resent. Every job reaches the queue.
 */
class OutboxCrashTest {
  private static final int JOBS = 3_000;

  @Test
  void aReplicaKilledWhileItDispatchesResendsAtMostOneBatch() throws Exception {
    try (ApiTestStack stack = ApiTestStack.start()) {
      stack.reset();
      String writer =
          stack
              .startApi(Map.of())
              .keys()
              .create("writer", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ))
              .key();
      stack.stopApis();

      int port = freePort();
      Map<String, String> env = new HashMap<>(stack.environment());
      env.put("API_PORT", Integer.toString(port));
      Process replica = spawn(env);
      try {
        TestHttp http = new TestHttp(URI.create("http://127.0.0.1:" + port));
        ApiTestStack.await(
            "the replica to serve", Duration.ofSeconds(60), () -> answers(http, writer));
        for (int b = 0; b < JOBS / 1000; b++) {
          List<String> jobs = new ArrayList<>();
          for (int i = 0; i < 1000; i++) {
            jobs.add(
                "{\"jobId\":\"crash-"
                    + b
                    + "-"
                    + i
                    + "\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@channel"
                    + i
                    + "\"}");
          }
          assertThat(
                  http.post("/v1/jobs/batch", writer, "{\"jobs\":[" + String.join(",", jobs) + "]}")
                      .status())
              .isEqualTo(202);
        }
        ApiTestStack.await(
            "the dispatch to be under way",
            Duration.ofSeconds(60),
            () -> stack.approximateMessages(stack.local.jobsQueueUrl()) >= 1_234);
      } finally {
        replica.destroyForcibly(); // SIGKILL, in the middle of the dispatch
        replica.waitFor(30, TimeUnit.SECONDS);
      }
      long leftInOutbox = stack.count("select count(*) from outbox");
      assertThat(leftInOutbox).as("killed before it sent everything").isPositive();

      stack.startApi(Map.of()); // takes the outbox over
      ApiTestStack.await(
          "the outbox to empty",
          Duration.ofSeconds(60),
          () -> stack.count("select count(*) from outbox") == 0);
      List<Message> messages = stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(3));
      Map<String, Long> perJob =
          messages.stream()
              .map(m -> JobCodec.decode(m.body()).jobId())
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

      assertThat(perJob).as("every job reached the queue").hasSize(JOBS);
      long resent = perJob.values().stream().filter(n -> n > 1).count();
      assertThat(resent).as("jobs sent twice: at most one batch").isLessThanOrEqualTo(10);
      assertThat(perJob.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));

      // The second send of a job is marked, so a worker can skip it once the first copy ran.
      Set<String> marked =
          messages.stream()
              .filter(m -> m.messageAttributes().containsKey(JobCodec.RESENT_ATTRIBUTE))
              .map(m -> JobCodec.decode(m.body()).jobId())
              .collect(Collectors.toSet());
      Set<String> sentTwice =
          perJob.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      assertThat(marked).as("every job sent twice is marked resent").containsAll(sentTwice);
      assertThat(marked)
          .as("only the batch in flight at the kill is marked")
          .hasSizeLessThanOrEqualTo(10);
      assertThat(stack.count("select count(*) from outbox_send_attempts"))
          .as("attempts go with their rows")
          .isZero();
    }
  }

  private static boolean answers(TestHttp http, String key) {
    try {
      return http.get("/v1/jobs?limit=1", key).status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process spawn(Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createDirectories(Path.of("target")).resolve("killed-api.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ApiMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }
}
