package dev.snscollector.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * {@link CollectorStack} synthesized once per test JVM (starting the jsii runtime and Node takes
 * seconds), with the settings a cluster in ap-northeast-2 would give, and ways to read its
 * template.
 */
final class SynthesizedStack {
  static final String ISSUER = "oidc.eks.ap-northeast-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B7";
  static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
  static final CollectorSettings SETTINGS =
      CollectorSettings.forCluster(
          PROVIDER,
          "https://" + ISSUER,
          "vpc-0a1b2c3d4e5f67890",
          List.of("subnet-0a1b2c3d4e5f00001", "subnet-0a1b2c3d4e5f00002"));

  private static CollectorStack stack;
  private static Template template;

  private SynthesizedStack() {}

  static synchronized CollectorStack stack() {
    if (stack == null) {
      stack = new CollectorStack(new App(), CollectorApp.STACK, SETTINGS);
      template = Template.fromStack(stack);
    }
    return stack;
  }

  static Template template() {
    stack();
    return template;
  }

  /** The logical id of a construct's CloudFormation resource, or of the resource itself. */
  static String id(IConstruct construct) {
    IConstruct resource =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack().getLogicalId((CfnElement) resource);
  }

  /** {@code ${Id.Arn}}, as {@link #text} renders a GetAtt of the construct's ARN. */
  static String arn(IConstruct construct) {
    return "${" + id(construct) + ".Arn}";
  }

  /** Every resource of a type: logical id to its whole definition (Type, Properties, ...). */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    template()
        .findResources(type)
        .forEach((id, definition) -> found.put(id, (Map<String, Object>) definition));
    return found;
  }

  /** The properties of the one resource with this logical id. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(String logicalId) {
    Map<String, Object> resources = (Map<String, Object>) template().toJSON().get("Resources");
    Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
    if (resource == null) {
      throw new AssertionError("no resource " + logicalId);
    }
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /**
   * A template value as text: {@code Ref} as {@code ${Id}}, {@code Fn::GetAtt} as {@code
   * ${Id.Attribute}}, {@code Fn::Join} joined, literals as they are.
   *
   * @throws IllegalArgumentException for any other intrinsic function
   */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      Object arg = e.getValue();
      switch (e.getKey().toString()) {
        case "Ref" -> {
          return "${" + arg + "}";
        }
        case "Fn::GetAtt" -> {
          List<?> parts = (List<?>) arg;
          return "${" + parts.get(0) + "." + parts.get(1) + "}";
        }
        case "Fn::Join" -> {
          List<?> parts = (List<?>) arg;
          StringBuilder joined = new StringBuilder();
          for (Object part : (List<?>) parts.get(1)) {
            if (!joined.isEmpty()) {
              joined.append(parts.get(0));
            }
            joined.append(text(part));
          }
          return joined.toString();
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException("cannot render " + value);
  }

  /** A value that may be one item or a list of them, as a list. */
  static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of(value);
  }
}
