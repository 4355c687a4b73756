package dev.snscollector.launcher;

import dev.snscollector.worker.WorkerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./collector worker}: the production worker, configured by environment variables. */
@Command(
    name = "worker",
    description = {
      "Runs a production worker configured by the environment:",
      "JOBS_QUEUE_URL, RESULTS_QUEUE_URL, DLQ_URL, BUCKET (required); AWS_REGION, SQS_ENDPOINT,",
      "S3_ENDPOINT, WORKER_CONCURRENCY, VISIBILITY_TIMEOUT_SECONDS, MAX_RECEIVES, YOUTUBE_API_KEY,",
      "YOUTUBE_API_BASE_URL, METRICS_PORT, SHUTDOWN_GRACE_SECONDS. See crawler-worker/README.md."
    })
final class WorkerCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    WorkerMain.main(new String[0]);
    return 0;
  }
}
