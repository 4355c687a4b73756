package dev.snscollector.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.snscollector.contracts.SuppressForbidden;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** Serves {@code /metrics} (Prometheus text) and {@code /health} for a worker. */
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module")
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  /**
   * @param beforeScrape brings late meters up to date (proxies the pool met since the last scrape)
   */
  public MetricsServer(
      int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, Runnable beforeScrape) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on metrics port " + port, e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/metrics",
        ex -> {
          beforeScrape.run();
          respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        });
    server.createContext(
        "/health",
        ex ->
            respond(
                ex,
                healthy.getAsBoolean() ? 200 : 503,
                "application/json",
                healthy.getAsBoolean() ? "{\"status\":\"up\"}" : "{\"status\":\"down\"}"));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
