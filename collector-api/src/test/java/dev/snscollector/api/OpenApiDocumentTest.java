package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hand-written OpenAPI document and the routes the server answers must say the same. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static ApiTestStack stack;
  private static CollectorApi api;

  @BeforeAll
  static void start() {
    stack = ApiTestStack.start();
    api = stack.startApi(Map.of());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JsonNode document() {
    TestHttp.Reply reply = new TestHttp(api.localUrl()).get("/openapi.json", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    return reply.json();
  }

  /** "GET /v1/jobs/{id}" → the operation's x-scope ("" for an open one). */
  private static Map<String, String> documented(JsonNode doc) {
    Map<String, String> out = new TreeMap<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            out.put(
                                op.getKey().toUpperCase(java.util.Locale.ROOT)
                                    + " "
                                    + path.getKey(),
                                op.getValue().path("x-scope").stringValue(""));
                          }
                        }));
    return out;
  }

  @Test
  void everyRouteTheServerAnswersIsInTheDocumentAndNothingElse() {
    Set<String> served = new TreeSet<>(api.registeredRoutes());
    assertThat(documented(document()).keySet()).containsExactlyElementsOf(served);
  }

  @Test
  void everyOperationNamesTheScopeItsRouteChecks() {
    Map<String, String> documented = documented(document());
    assertThat(documented).isEqualTo(api.routeScopes());
  }

  @Test
  void theDocumentIsOpenApi31AndOpenRoutesNeedNoKey() {
    JsonNode doc = document();
    assertThat(doc.path("openapi").stringValue()).isEqualTo("3.1.0");
    api.routeScopes()
        .forEach(
            (route, scope) -> {
              if (scope.isEmpty()) {
                String[] mp = route.split(" ", 2);
                JsonNode op =
                    doc.path("paths").path(mp[1]).path(mp[0].toLowerCase(java.util.Locale.ROOT));
                assertThat(op.path("security").isArray() && op.path("security").isEmpty())
                    .as(route)
                    .isTrue();
              }
            });
    assertThat(Json.MAPPER.writeValueAsString(doc)).contains("#/components/schemas/Problem");
  }
}
