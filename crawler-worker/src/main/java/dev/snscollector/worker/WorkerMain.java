package dev.snscollector.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./collector worker}: a production worker configured by the environment (see {@link
 * WorkerConfig}). SIGTERM starts a graceful shutdown; the process exits when it is done.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(config);
  }

  /** Runs until SIGTERM or SIGINT, then shuts down within the configured grace. */
  public static void run(WorkerConfig config) throws InterruptedException {
    WorkerRuntime runtime = new WorkerRuntime(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("signal received: graceful shutdown, grace {}", config.shutdownGrace());
                  runtime.shutdown(config.shutdownGrace());
                  stopped.countDown();
                },
                "shutdown"));
    runtime.start();
    if (runtime.metricsPort() > 0) {
      log.info("metrics on http://0.0.0.0:{}/metrics", runtime.metricsPort());
    }
    stopped.await();
    Thread.sleep(Duration.ofMillis(50));
  }
}
