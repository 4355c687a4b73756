package dev.snscollector.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Whether rendered NetworkPolicies let a connection through, read as the Kubernetes API documents
 * them: a pod that no policy of a direction selects is open in that direction; one that some policy
 * selects takes only what a rule of such a policy admits; a connection needs its source's egress
 * and its destination's ingress. Named ports resolve against the destination pod's containers.
 * Enough of the semantics to check the manifests, not a CNI.
 */
record NetworkPolicies(List<JsonNode> policies) {
  /**
   * One end of a connection. A pod has labels, a namespace and named ports; an address has none.
   */
  sealed interface End permits Pod, Address {
    String ip();
  }

  record Pod(String namespace, Map<String, String> labels, Map<String, Integer> ports, String ip)
      implements End {
    Map<String, String> namespaceLabels() {
      return Map.of("kubernetes.io/metadata.name", namespace);
    }
  }

  record Address(String ip) implements End {}

  static NetworkPolicies of(Manifests m) {
    return new NetworkPolicies(m.all("NetworkPolicy"));
  }

  /** The pod a Deployment, StatefulSet or Job runs, with a made-up address in the pod range. */
  static Pod pod(JsonNode workload, String ip) {
    JsonNode template = workload.path("spec").path("template");
    Map<String, String> labels = new LinkedHashMap<>();
    template
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    Map<String, Integer> ports = new HashMap<>();
    for (JsonNode container : template.path("spec").path("containers")) {
      for (JsonNode port : container.path("ports")) {
        if (port.has("name")) {
          ports.put(port.path("name").asString(), port.path("containerPort").asInt());
        }
      }
    }
    return new Pod(workload.path("metadata").path("namespace").asString(), labels, ports, ip);
  }

  /** A pod elsewhere: a namespace, labels, no named ports. */
  static Pod pod(String namespace, Map<String, String> labels, String ip) {
    return new Pod(namespace, labels, Map.of(), ip);
  }

  /** Whether {@code from} may open a connection to {@code to} on the port. */
  boolean allows(End from, End to, String protocol, int port) {
    boolean out =
        !(from instanceof Pod source) || admits(source, "Egress", "to", to, protocol, port, to);
    boolean in =
        !(to instanceof Pod target) || admits(target, "Ingress", "from", from, protocol, port, to);
    return out && in;
  }

  boolean allowsTcp(End from, End to, int port) {
    return allows(from, to, "TCP", port);
  }

  private boolean admits(
      Pod subject,
      String type,
      String peersKey,
      End other,
      String protocol,
      int port,
      End destination) {
    List<JsonNode> selecting = new ArrayList<>();
    for (JsonNode p : policies) {
      if (p.path("metadata").path("namespace").asString().equals(subject.namespace())
          && selects(p.path("spec").path("podSelector"), subject.labels())
          && types(p).contains(type)) {
        selecting.add(p);
      }
    }
    if (selecting.isEmpty()) {
      return true;
    }
    String rulesKey = type.equals("Ingress") ? "ingress" : "egress";
    for (JsonNode p : selecting) {
      String namespace = p.path("metadata").path("namespace").asString();
      for (JsonNode rule : p.path("spec").path(rulesKey)) {
        if (peers(rule.path(peersKey), other, namespace)
            && ports(rule.path("ports"), protocol, port, destination)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> types(JsonNode policy) {
    List<String> types = new ArrayList<>();
    JsonNode declared = policy.path("spec").path("policyTypes");
    if (declared.isArray() && !declared.isEmpty()) {
      declared.forEach(t -> types.add(t.asString()));
    } else {
      types.add("Ingress");
      if (policy.path("spec").has("egress")) {
        types.add("Egress");
      }
    }
    return types;
  }

  private static boolean peers(JsonNode peers, End other, String policyNamespace) {
    if (peers.isMissingNode() || peers.isEmpty()) {
      return true;
    }
    for (JsonNode peer : peers) {
      if (peer.has("ipBlock")) {
        JsonNode block = peer.path("ipBlock");
        boolean inside = Cidr.contains(block.path("cidr").asString(), other.ip());
        for (JsonNode except : block.path("except")) {
          inside &= !Cidr.contains(except.asString(), other.ip());
        }
        if (inside) {
          return true;
        }
      } else if (other instanceof Pod pod) {
        boolean namespace =
            peer.has("namespaceSelector")
                ? selects(peer.path("namespaceSelector"), pod.namespaceLabels())
                : pod.namespace().equals(policyNamespace);
        boolean labels =
            !peer.has("podSelector") || selects(peer.path("podSelector"), pod.labels());
        if (namespace && labels) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean ports(JsonNode ports, String protocol, int port, End destination) {
    if (ports.isMissingNode() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      if (!p.path("protocol").asString("TCP").equals(protocol)) {
        continue;
      }
      JsonNode number = p.path("port");
      if (number.isMissingNode()) {
        return true;
      }
      int first;
      if (number.isNumber()) {
        first = number.asInt();
      } else if (destination instanceof Pod pod && pod.ports().containsKey(number.asString())) {
        first = pod.ports().get(number.asString());
      } else {
        continue; // a name the destination does not have matches nothing
      }
      int last = p.path("endPort").asInt(first);
      if (port >= first && port <= last) {
        return true;
      }
    }
    return false;
  }

  /** A label selector: matchLabels and matchExpressions; an empty selector selects everything. */
  static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (var e : selector.path("matchLabels").properties()) {
      if (!e.getValue().asString().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.get(expression.path("key").asString());
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asString()));
      boolean ok =
          switch (expression.path("operator").asString()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                throw new IllegalArgumentException("operator " + expression.path("operator"));
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** IPv4 CIDR membership. */
  static final class Cidr {
    private Cidr() {}

    static boolean contains(String cidr, String ip) {
      int slash = cidr.indexOf('/');
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (address(cidr.substring(0, slash)) & mask) == (address(ip) & mask);
    }

    private static long address(String ip) {
      String[] octets = ip.split("\\.");
      if (octets.length != 4) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      long value = 0;
      for (String octet : octets) {
        value = (value << 8) | Integer.parseInt(octet);
      }
      return value;
    }
  }
}
