package dev.snscollector.launcher;

import dev.snscollector.api.ApiMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./collector api}: one production replica of collector-api, configured by environment. */
@Command(
    name = "api",
    description = {
      "Runs collector-api configured by the environment:",
      "DATABASE_URL, JOBS_QUEUE_URL, RESULTS_QUEUE_URL, BUCKET (required); DATABASE_USER,",
      "DATABASE_PASSWORD, API_PORT, TOKEN_KEYS or TOKEN_KEYS_FILE, WEBHOOK_URL, WEBHOOK_SECRET,",
      "API_ADMIN_KEY, AWS_REGION, SQS_ENDPOINT, S3_ENDPOINT. See collector-api/README.md.",
      "SIGTERM stops it gracefully."
    })
final class ApiCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    return ApiMain.run(System.getenv());
  }
}
