package dev.snscollector.api;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production entry point ({@code ./collector api}): configuration from the environment, one
 * replica, a graceful stop on SIGTERM (requests in flight and background passes finish).
 */
public final class ApiMain {
  private static final Logger log = LoggerFactory.getLogger(ApiMain.class);

  private ApiMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(System.getenv()));
  }

  /**
   * Runs a replica until the JVM is asked to stop.
   *
   * @return 2 when the configuration is wrong (every problem logged), 0 after a clean stop
   */
  public static int run(Map<String, String> env) throws InterruptedException {
    ApiConfig config;
    try {
      config = ApiConfig.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      return 2;
    }
    CollectorApi api = CollectorApi.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping (signal)");
                  api.close();
                  stopped.countDown();
                },
                "api-shutdown"));
    stopped.await();
    return 0;
  }
}
