package dev.snscollector.ops;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays of deploy/k8s as {@code kubectl kustomize} renders them, each rendered once. */
final class Overlays {
  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  private Overlays() {}

  /**
   * @param overlay {@code local} or {@code aws}
   */
  static Manifests render(String overlay) {
    Path kubectl = Kubectl.require();
    return RENDERED.computeIfAbsent(
        overlay,
        o -> Manifests.parse(Kubectl.kustomize(kubectl, Repo.path("deploy/k8s/overlays/" + o))));
  }
}
