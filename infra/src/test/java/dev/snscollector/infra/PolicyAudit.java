package dev.snscollector.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the statements of an identity policy as a table of what may be done to what, and names each
 * statement that grants more than an explicit action on a resource of the stack.
 */
final class PolicyAudit {
  private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z]+");

  private PolicyAudit() {}

  /** The statements of a policy document. */
  static List<Map<?, ?>> statements(Object policyDocument) {
    List<Map<?, ?>> statements = new ArrayList<>();
    for (Object s : SynthesizedStack.list(((Map<?, ?>) policyDocument).get("Statement"))) {
      statements.add((Map<?, ?>) s);
    }
    return statements;
  }

  /**
   * What is wrong with each statement, empty when nothing is: an Effect other than Allow, {@code
   * NotAction} or {@code NotResource}, an action with a wildcard, a resource that is {@code *} or
   * not rooted in one of {@code ownResources} (the stack's queues and bucket, as {@code
   * ${Id.Arn}}).
   */
  static List<String> violations(List<Map<?, ?>> statements, Set<String> ownResources) {
    List<String> found = new ArrayList<>();
    for (Map<?, ?> s : statements) {
      String sid = String.valueOf(s.get("Sid"));
      if (!"Allow".equals(s.get("Effect"))) {
        found.add(sid + ": Effect " + s.get("Effect"));
      }
      for (String key : List.of("NotAction", "NotResource", "NotPrincipal")) {
        if (s.containsKey(key)) {
          found.add(sid + ": " + key);
        }
      }
      if (!s.containsKey("Action")) {
        found.add(sid + ": no Action");
      }
      Object actions = s.containsKey("Action") ? s.get("Action") : List.of();
      for (Object action : SynthesizedStack.list(actions)) {
        if (!(action instanceof String a) || !ACTION.matcher(a).matches()) {
          found.add(sid + ": action " + action);
        }
      }
      if (!s.containsKey("Resource")) {
        found.add(sid + ": no Resource");
      }
      Object resources = s.containsKey("Resource") ? s.get("Resource") : List.of();
      for (Object resource : SynthesizedStack.list(resources)) {
        String r = SynthesizedStack.text(resource);
        if (r.equals("*") || ownResources.stream().noneMatch(own -> rootedIn(r, own))) {
          found.add(sid + ": resource " + r);
        }
      }
    }
    return found;
  }

  private static boolean rootedIn(String resource, String own) {
    return resource.equals(own)
        || (resource.startsWith(own + "/") && resource.length() > own.length() + 2);
  }

  /** Action to the resources it is allowed on, over every statement. */
  static Map<String, Set<String>> grants(List<Map<?, ?>> statements) {
    Map<String, Set<String>> table = new TreeMap<>();
    for (Map<?, ?> s : statements) {
      for (Object action : SynthesizedStack.list(s.get("Action"))) {
        for (Object resource : SynthesizedStack.list(s.get("Resource"))) {
          table
              .computeIfAbsent((String) action, a -> new TreeSet<>())
              .add(SynthesizedStack.text(resource));
        }
      }
    }
    return table;
  }
}
