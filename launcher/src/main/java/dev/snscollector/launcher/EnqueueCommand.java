package dev.snscollector.launcher;

import dev.snscollector.api.JobSubmitter;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ./collector enqueue}: validates and sends jobs to the jobs queue of {@code ./collector
 * local} (read from {@code .collector/local/env}) or of the queue named by {@code JOBS_QUEUE_URL}.
 */
@Command(
    name = "enqueue",
    description = "Send one job (from flags) or many (a JSON-lines file) to the jobs queue.")
final class EnqueueCommand implements Callable<Integer> {
  @Option(names = "--platform", description = "instagram, youtube, tiktok or naver_blog")
  @Nullable String platform;

  @Option(
      names = "--kind",
      defaultValue = "profile",
      description = "profile, posts, post or comments")
  String kind = "profile";

  @Option(names = "--target", description = "A handle, an id or a URL of the platform")
  @Nullable String target;

  @Option(names = "--max-items", description = "At most this many posts")
  @Nullable Integer maxItems;

  @Option(names = "--file", description = "Jobs as JSON lines, sent as they are (after validation)")
  @Nullable Path file;

  @Override
  public Integer call() throws IOException {
    Map<String, String> env = CliEnvironment.get();
    String queueUrl = env.get("JOBS_QUEUE_URL");
    if (queueUrl == null) {
      System.err.println(
          "No jobs queue: start ./collector local, or set JOBS_QUEUE_URL (and SQS_ENDPOINT).");
      return 2;
    }
    List<String> bodies = new ArrayList<>();
    if (file != null) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          bodies.add(line);
        }
      }
    } else {
      if (platform == null || target == null) {
        System.err.println("Give --platform and --target, or --file.");
        return 2;
      }
      Platform p = Platform.fromWireName(platform).orElse(null);
      JobKind k = JobKind.fromWireName(kind).orElse(null);
      if (p == null || k == null) {
        System.err.println(
            "Unknown " + (p == null ? "platform '" + platform + "'" : "kind '" + kind + "'"));
        return 2;
      }
      JobMessage job = JobMessage.of("cli-" + UUID.randomUUID(), p, k, target);
      if (maxItems != null) {
        job = job.withOptions(new JobMessage.JobOptions(maxItems, null, List.of()));
      }
      bodies.add(dev.snscollector.contracts.JobCodec.encode(job));
    }
    try (SqsClient sqs = CliEnvironment.sqs(env)) {
      int failed = 0;
      for (JobSubmitter.Submission s : new JobSubmitter(sqs, queueUrl).submitRaw(bodies)) {
        if (s.accepted()) {
          System.out.println("enqueued " + s.jobId() + " (message " + s.messageId() + ")");
        } else {
          failed++;
          System.err.println("rejected item " + s.index() + ": " + s.error());
        }
      }
      return failed == 0 ? 0 : 1;
    }
  }
}
