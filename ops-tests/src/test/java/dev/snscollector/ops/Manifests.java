package dev.snscollector.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Rendered Kubernetes objects, and the environment a Deployment's container ends up with. */
record Manifests(List<JsonNode> objects) {
  static Manifests parse(String yaml) {
    return new Manifests(Yaml.readAll(yaml));
  }

  List<JsonNode> all(String kind) {
    return objects.stream().filter(o -> o.path("kind").asString().equals(kind)).toList();
  }

  JsonNode one(String kind, String name) {
    return all(kind).stream()
        .filter(o -> o.path("metadata").path("name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
  }

  static JsonNode container(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers").get(0);
  }

  /**
   * The variables the Deployment's first container gets: its ConfigMaps ({@code envFrom}) and then
   * its own {@code env}; a value from a Secret shows as {@code <secret name/key>}, one from the
   * downward API as {@code <field path>}.
   */
  Map<String, String> environment(JsonNode deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode container = container(deployment);
    for (JsonNode from : container.path("envFrom")) {
      String configMap = from.path("configMapRef").path("name").asString();
      one("ConfigMap", configMap)
          .path("data")
          .properties()
          .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    }
    for (JsonNode var : container.path("env")) {
      JsonNode secret = var.path("valueFrom").path("secretKeyRef");
      JsonNode field = var.path("valueFrom").path("fieldRef");
      String value =
          !secret.isMissingNode()
              ? "<secret "
                  + secret.path("name").asString()
                  + "/"
                  + secret.path("key").asString()
                  + ">"
              : !field.isMissingNode()
                  ? "<" + field.path("fieldPath").asString() + ">"
                  : var.path("value").asString();
      env.put(var.path("name").asString(), value);
    }
    return env;
  }
}
