package dev.snscollector.api.http;

import dev.snscollector.api.db.DatabaseException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The HTTP server: Javalin on virtual threads with the route table declared in one place. Every
 * route goes through the same steps, in order: note the route for metrics, authenticate the API key
 * and check the route's scope, read the body within the size limit, run the handler. Every failure
 * becomes an RFC 9457 problem document; nothing else is ever sent as an error.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String ROUTE_ATTRIBUTE = "collector.route";

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts listening.
   *
   * @param host interface to bind
   * @param port port, 0 for a free one
   * @param maxBodyBytes larger request bodies get 413
   * @param grace how long a stop waits for requests in flight
   */
  public static ApiServer start(
      String host,
      int port,
      int maxBodyBytes,
      Duration grace,
      List<Route> routes,
      KeyLookup keys,
      MeterRegistry registry) {
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = maxBodyBytes;
              config.router.ignoreTrailingSlashes = true;
              config.jetty.modifyServer(server -> server.setStopTimeout(grace.toMillis()));
              for (Route route : routes) {
                config.routes.addHttpHandler(
                    route.method(), route.path(), ctx -> handle(ctx, route, keys, maxBodyBytes));
              }
              config.routes.exception(
                  ProblemException.class,
                  (e, ctx) -> Bodies.problem(ctx, e.problem().at(ctx.path())));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> Bodies.problem(ctx, fromJavalin(e, ctx)));
              config.routes.exception(
                  DatabaseException.class,
                  (e, ctx) -> {
                    log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    Bodies.problem(
                        ctx,
                        Problem.of(
                                ProblemType.UNAVAILABLE,
                                "the database is unavailable; retry later",
                                List.of())
                            .at(ctx.path()));
                  });
              config.routes.exception(
                  SdkException.class,
                  (e, ctx) -> {
                    log.warn(
                        "{} {}: AWS call failed: {}", ctx.method(), ctx.path(), e.getMessage());
                    Bodies.problem(
                        ctx,
                        Problem.of(
                                ProblemType.UNAVAILABLE,
                                "the queue or the bucket is unavailable; retry later",
                                List.of())
                            .at(ctx.path()));
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    Bodies.problem(
                        ctx,
                        Problem.of(
                                ProblemType.INTERNAL,
                                "the request failed inside the service ("
                                    + e.getClass().getSimpleName()
                                    + ")",
                                List.of())
                            .at(ctx.path()));
                  });
              Timer.Builder timer =
                  Timer.builder("collector_api_requests").publishPercentileHistogram();
              config.requestLogger.http(
                  (ctx, millis) ->
                      timer
                          .tags(
                              "method",
                              ctx.method().name(),
                              "route",
                              Optional.ofNullable(ctx.<String>attribute(ROUTE_ATTRIBUTE))
                                  .orElse("unmatched"),
                              "status",
                              Integer.toString(ctx.statusCode()))
                          .register(registry)
                          .record((long) (millis * 1000), TimeUnit.MICROSECONDS));
            });
    app.start(host, port);
    return new ApiServer(app);
  }

  private static void handle(Context ctx, Route route, KeyLookup keys, int maxBodyBytes)
      throws Exception {
    ctx.attribute(ROUTE_ATTRIBUTE, route.path());
    Scope needed = route.scope();
    Caller caller = needed == null ? anonymous() : authenticate(ctx, keys, needed);
    HandlerType m = route.method();
    if (m.equals(HandlerType.POST) || m.equals(HandlerType.PUT) || m.equals(HandlerType.PATCH)) {
      ctx.attribute(Bodies.BODY_ATTRIBUTE, Bodies.readBounded(ctx, maxBodyBytes));
    }
    route.handler().handle(ctx, caller);
  }

  private static Caller anonymous() {
    return new Caller("anonymous", "anonymous", java.util.Set.of());
  }

  private static Caller authenticate(Context ctx, KeyLookup keys, Scope needed) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ProblemException(
          ProblemType.UNAUTHORIZED,
          "send an API key as 'Authorization: Bearer <key>'",
          List.of(new Problem.FieldError("header:Authorization", "missing")));
    }
    Caller caller =
        keys.find(header.substring(7).strip())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.UNAUTHORIZED,
                        "the API key is unknown or revoked",
                        List.of(new Problem.FieldError("header:Authorization", "unknown key"))));
    if (!caller.may(needed)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "this request needs the '"
              + needed.wireName()
              + "' scope; the key has "
              + caller.scopes().stream()
                  .map(Scope::wireName)
                  .sorted()
                  .collect(Collectors.joining(", ", "[", "]")));
    }
    return caller;
  }

  private static Problem fromJavalin(HttpResponseException e, Context ctx) {
    ProblemType type =
        switch (e.getStatus()) {
          case 404 -> ProblemType.NOT_FOUND;
          case 405 -> ProblemType.METHOD_NOT_ALLOWED;
          case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
          case 503 -> ProblemType.UNAVAILABLE;
          default -> e.getStatus() >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_REQUEST;
        };
    String detail =
        type == ProblemType.NOT_FOUND
            ? "no route " + ctx.method().name() + " " + ctx.path()
            : String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return Problem.of(type, detail, List.of()).at(ctx.path());
  }

  public int port() {
    return app.port();
  }

  /** Every method and path registered with the server, as {@code "GET /v1/jobs/{id}"}. */
  public List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
        .sorted()
        .toList();
  }

  /** Stops accepting requests and waits up to the grace period for those in flight. */
  @Override
  public void close() {
    app.stop();
  }
}
