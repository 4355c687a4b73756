package dev.snscollector.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the stack needs to know about its surroundings, and the names it shares with the code and
 * with deploy/k8s.
 *
 * @param namePrefix of every name: the queues ({@code <prefix>-jobs}, {@code -jobs-dlq}, {@code
 *     -results}), the bucket ({@code <prefix>-<account>}), the roles ({@code <prefix>-worker},
 *     {@code -api}) and the secrets ({@code <prefix>/token-keys}, {@code <prefix>/redis})
 * @param namespace the Kubernetes namespace of the service accounts (deploy/k8s/overlays/aws)
 * @param workerServiceAccount the workers' service account (deploy/k8s/base/serviceaccounts.yaml)
 * @param apiServiceAccount the API's service account
 * @param oidcProviderArn the cluster's IAM OIDC provider, {@code
 *     arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>}
 * @param oidcIssuer the cluster's issuer without {@code https://}, {@code
 *     oidc.eks.<region>.amazonaws.com/id/<id>}: the prefix of the trust conditions' keys
 * @param maxReceiveCount receives before the jobs queue moves a job to its dead-letter queue: the
 *     workers' {@code MAX_RECEIVES}
 * @param visibilityTimeoutSeconds the jobs queue's visibility: the workers' {@code
 *     VISIBILITY_TIMEOUT_SECONDS}
 * @param vpcId the cluster's VPC, where Redis and the workers' security group go
 * @param privateSubnetIds the subnets of Redis's subnet group, in two zones at least (one node
 *     each, multi-AZ failover)
 * @param redisNodeType the ElastiCache node type
 */
public record CollectorSettings(
    String namePrefix,
    String namespace,
    String workerServiceAccount,
    String apiServiceAccount,
    String oidcProviderArn,
    String oidcIssuer,
    int maxReceiveCount,
    int visibilityTimeoutSeconds,
    String vpcId,
    List<String> privateSubnetIds,
    String redisNodeType) {

  /** The defaults of crawler-worker/worker-defaults.env and deploy/k8s. */
  public static final String NAME_PREFIX = "sns-collector";

  public static final String NAMESPACE = "sns-collector";
  public static final String WORKER_SERVICE_ACCOUNT = "collector-worker";
  public static final String API_SERVICE_ACCOUNT = "collector-api";
  public static final int MAX_RECEIVES = 5;
  public static final int VISIBILITY_TIMEOUT_SECONDS = 60;
  public static final String REDIS_NODE_TYPE = "cache.t4g.small";

  /** The context keys {@link #fromContext} reads; the first four are required. */
  public static final List<String> KEYS =
      List.of(
          "oidcProviderArn",
          "oidcIssuer",
          "vpcId",
          "privateSubnetIds",
          "namePrefix",
          "namespace",
          "maxReceiveCount",
          "visibilityTimeoutSeconds",
          "redisNodeType");

  /**
   * @throws IllegalArgumentException naming every value that is out of range
   */
  public CollectorSettings {
    oidcIssuer = oidcIssuer.replaceFirst("^https://", "");
    privateSubnetIds = List.copyOf(privateSubnetIds);
    List<String> bad = new ArrayList<>();
    if (!namePrefix.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      bad.add("namePrefix '" + namePrefix + "' must be 1-31 of [a-z0-9-]");
    }
    if (!oidcProviderArn.matches("arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/.+")) {
      bad.add("oidcProviderArn '" + oidcProviderArn + "' is not an OIDC provider ARN");
    } else if (!oidcProviderArn.endsWith(":oidc-provider/" + oidcIssuer)) {
      bad.add("oidcProviderArn '" + oidcProviderArn + "' is not the provider of " + oidcIssuer);
    }
    if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
      bad.add("maxReceiveCount " + maxReceiveCount + " is not 1-1000 (SQS's range)");
    }
    if (visibilityTimeoutSeconds < 0 || visibilityTimeoutSeconds > 43_200) {
      bad.add("visibilityTimeoutSeconds " + visibilityTimeoutSeconds + " is not 0-43200");
    }
    if (!vpcId.matches("vpc-[0-9a-f]{8,17}")) {
      bad.add("vpcId '" + vpcId + "' is not a VPC id");
    }
    if (privateSubnetIds.size() < 2
        || !privateSubnetIds.stream().allMatch(s -> s.matches("subnet-[0-9a-f]{8,17}"))) {
      bad.add("privateSubnetIds " + privateSubnetIds + " must be two subnet ids or more");
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", bad));
    }
  }

  /** The defaults, for a cluster's OIDC provider and network. */
  public static CollectorSettings forCluster(
      String oidcProviderArn, String oidcIssuer, String vpcId, List<String> privateSubnetIds) {
    return new CollectorSettings(
        NAME_PREFIX,
        NAMESPACE,
        WORKER_SERVICE_ACCOUNT,
        API_SERVICE_ACCOUNT,
        oidcProviderArn,
        oidcIssuer,
        MAX_RECEIVES,
        VISIBILITY_TIMEOUT_SECONDS,
        vpcId,
        privateSubnetIds,
        REDIS_NODE_TYPE);
  }

  /**
   * The settings from CDK context values ({@code cdk synth -c key=value}, or {@link CollectorApp}'s
   * arguments): {@link #KEYS}, {@code privateSubnetIds} comma-separated.
   *
   * @throws IllegalArgumentException naming every required key that is missing, or a bad value
   */
  public static CollectorSettings fromContext(Function<String, @Nullable Object> context) {
    List<String> missing = new ArrayList<>();
    for (String key : KEYS.subList(0, 4)) {
      if (text(context, key) == null) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing context: " + String.join(", ", missing));
    }
    return new CollectorSettings(
        or(context, "namePrefix", NAME_PREFIX),
        or(context, "namespace", NAMESPACE),
        WORKER_SERVICE_ACCOUNT,
        API_SERVICE_ACCOUNT,
        or(context, "oidcProviderArn", ""),
        or(context, "oidcIssuer", ""),
        Integer.parseInt(or(context, "maxReceiveCount", Integer.toString(MAX_RECEIVES))),
        Integer.parseInt(
            or(context, "visibilityTimeoutSeconds", Integer.toString(VISIBILITY_TIMEOUT_SECONDS))),
        or(context, "vpcId", ""),
        List.of(or(context, "privateSubnetIds", "").split("\\s*,\\s*")),
        or(context, "redisNodeType", REDIS_NODE_TYPE));
  }

  /** The settings as context values, as {@link #fromContext} reads them. */
  public Map<String, String> toContext() {
    return Map.of(
        "oidcProviderArn", oidcProviderArn,
        "oidcIssuer", oidcIssuer,
        "vpcId", vpcId,
        "privateSubnetIds", String.join(",", privateSubnetIds),
        "namePrefix", namePrefix,
        "namespace", namespace,
        "maxReceiveCount", Integer.toString(maxReceiveCount),
        "visibilityTimeoutSeconds", Integer.toString(visibilityTimeoutSeconds),
        "redisNodeType", redisNodeType);
  }

  /** {@code system:serviceaccount:<namespace>:<name>}, the token's subject. */
  public String serviceAccountSubject(String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  private static @Nullable String text(Function<String, @Nullable Object> context, String key) {
    Object value = context.apply(key);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static String or(
      Function<String, @Nullable Object> context, String key, String fallback) {
    String value = text(context, key);
    return value == null ? fallback : value;
  }
}
