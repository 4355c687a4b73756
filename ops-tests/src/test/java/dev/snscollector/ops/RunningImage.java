package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * An image's entrypoint running here ({@link ImageCommand}), with its output in {@code
 * ops-tests/target/<name>/}: started, checked with the image's own HEALTHCHECK script, asked over
 * HTTP, and stopped with SIGTERM as {@code docker stop} and Kubernetes do.
 */
final class RunningImage implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final int port;
  private final String healthCheck;
  private final Map<String, String> environment;
  private final Path dir;

  private RunningImage(
      Process process, int port, String healthCheck, Map<String, String> environment, Path dir) {
    this.process = process;
    this.port = port;
    this.healthCheck = healthCheck;
    this.environment = environment;
    this.dir = dir;
  }

  /**
   * Starts the image of {@code dockerfile} with {@code env} on top of its own ENV; {@code
   * portVariable} (set here to a free port) is where it serves HTTP. Returns once the image's own
   * HEALTHCHECK command passes.
   */
  static RunningImage start(String dockerfile, Map<String, String> env, String portVariable)
      throws IOException {
    String name = dockerfile.replace("docker/", "").replace(".Dockerfile", "");
    Path dir = Files.createDirectories(Repo.path("ops-tests/target/running-" + name));
    int port = freePort();
    Map<String, String> all = new HashMap<>(env);
    all.put(portVariable, Integer.toString(port));
    Dockerfile parsed = Dockerfile.parse(Repo.path(dockerfile));
    ImageCommand command = ImageCommand.of(parsed);
    Process process = command.start(all, dir.resolve("stdout.log"), dir.resolve("stderr.log"));
    Map<String, String> environment = new HashMap<>(command.environment());
    environment.putAll(all);
    RunningImage image =
        new RunningImage(process, port, ImageCommand.healthCheck(parsed), environment, dir);
    try {
      image.awaitHealthy();
    } catch (RuntimeException | Error e) {
      image.close();
      throw e;
    }
    return image;
  }

  int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The image's HEALTHCHECK command, run with {@code sh -c} in its environment: its exit code. */
  int healthCheck() {
    try {
      ProcessBuilder builder =
          new ProcessBuilder("sh", "-c", healthCheck).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process check = builder.start();
      check.getInputStream().readAllBytes();
      assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
      return check.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  /** {@code /metrics}, also kept as {@code metrics.txt} beside the logs. */
  Exposition scrape() throws IOException {
    HttpResponse<String> response = send(request("/metrics"));
    assertThat(response.statusCode()).isEqualTo(200);
    Files.writeString(dir.resolve("metrics.txt"), response.body());
    return new Exposition(response.body());
  }

  /**
   * Scrapes until every one of {@code names} is among the samples or {@code deadline} passed, and
   * returns the last scrape: a process counts an event a moment after its effect is visible (a
   * worker after it has published the job's result), so a single scrape could race it.
   */
  Exposition scrapeUntilPresent(Set<String> names, Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    Exposition scrape = scrape();
    while (!scrape.sampleNames().containsAll(names) && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      scrape = scrape();
    }
    return scrape;
  }

  String stderr() {
    return Repo.read(dir.resolve("stderr.log"));
  }

  /** Every line it logged, each parsed as JSON: anything else fails. */
  List<JsonNode> logEvents() {
    List<JsonNode> events = new ArrayList<>();
    for (String line : stderr().split("\n")) {
      if (!line.isBlank()) {
        events.add(Json.MAPPER.readTree(line));
      }
    }
    return events;
  }

  /** SIGTERM, then waits up to {@code grace}; the exit code, or -1 when it did not stop. */
  int terminate(Duration grace) throws InterruptedException {
    process.destroy();
    return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  private void awaitHealthy() {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      assertThat(process.isAlive()).as("it runs: " + stderr()).isTrue();
      if (healthCheck() == 0) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("never healthy: " + stderr());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
