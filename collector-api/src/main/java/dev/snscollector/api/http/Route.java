package dev.snscollector.api.http;

import io.javalin.http.HandlerType;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the route table.
 *
 * @param method the HTTP method
 * @param path the path, parameters in braces as in OpenAPI ({@code /v1/jobs/{id}})
 * @param scope the scope a caller needs; null for the open routes (health, metrics, the document)
 * @param handler what answers
 */
public record Route(HandlerType method, String path, @Nullable Scope scope, ApiHandler handler) {
  public static Route get(String path, Scope scope, ApiHandler handler) {
    return new Route(HandlerType.GET, path, scope, handler);
  }

  public static Route post(String path, Scope scope, ApiHandler handler) {
    return new Route(HandlerType.POST, path, scope, handler);
  }

  public static Route put(String path, Scope scope, ApiHandler handler) {
    return new Route(HandlerType.PUT, path, scope, handler);
  }

  public static Route delete(String path, Scope scope, ApiHandler handler) {
    return new Route(HandlerType.DELETE, path, scope, handler);
  }

  /** A route anyone may call. */
  public static Route open(HandlerType method, String path, ApiHandler handler) {
    return new Route(method, path, null, handler);
  }
}
