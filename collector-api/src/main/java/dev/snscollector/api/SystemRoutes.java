package dev.snscollector.api;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Route;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The open routes: liveness, readiness (the database answers), Prometheus metrics and the OpenAPI
 * document, which is written by hand and kept in step with the route table by a test.
 */
final class SystemRoutes {
  static final String OPENAPI_RESOURCE = "/dev/snscollector/api/openapi.json";

  private final Database db;
  private final PrometheusMeterRegistry registry;
  private final byte[] openapi;

  SystemRoutes(Database db, PrometheusMeterRegistry registry) {
    this.db = db;
    this.registry = registry;
    this.openapi = openapiDocument();
  }

  static byte[] openapiDocument() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Route> routes() {
    return List.of(
        Route.open(
            HandlerType.GET,
            "/health/live",
            (ctx, caller) -> Bodies.json(ctx, 200, Map.of("status", "up"))),
        Route.open(
            HandlerType.GET,
            "/health/ready",
            (ctx, caller) -> {
              boolean up = db.reachable(Duration.ofSeconds(2));
              Bodies.json(
                  ctx,
                  up ? 200 : 503,
                  Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
            }),
        Route.open(
            HandlerType.GET,
            "/metrics",
            (ctx, caller) ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape())),
        Route.open(
            HandlerType.GET,
            "/openapi.json",
            (ctx, caller) -> ctx.contentType("application/json").result(openapi)));
  }
}
