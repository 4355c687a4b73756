package dev.snscollector.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The Redis the workers share their budgets through (YouTube quota, TikTok windows, Graph usage,
 * {@code CRAWL_SITE_RATE}; ADR 0008): an ElastiCache replication group of two nodes in two zones
 * with automatic failover, encrypted at rest and in transit (TLS required), behind an AUTH token.
 *
 * <p>Only the workers reach it: its security group admits port {@value #PORT} from {@link
 * #workers()} alone, a security group the worker pods carry (the SecurityGroupPolicy in
 * deploy/k8s/overlays/aws), and it sends nothing out. The secret {@code <prefix>/redis} holds
 * {@code url}, {@code rediss://:<token>@<primary endpoint>:6379}, which the External Secrets
 * Operator hands the workers as {@code REDIS_URL}; the token itself is generated into {@code
 * <prefix>/redis-auth-token} and reaches Redis and the URL as CloudFormation dynamic references,
 * never in the template.
 */
public final class SharedBudgetsRedis extends Construct {
  static final int PORT = 6379;

  private final CfnSecurityGroup workers;
  private final CfnSecurityGroup redisGroup;
  private final Secret authToken;
  private final CfnReplicationGroup replicationGroup;
  private final Secret url;

  public SharedBudgetsRedis(Construct scope, String id, CollectorSettings settings, IKey key) {
    super(scope, id);
    String prefix = settings.namePrefix();
    workers =
        CfnSecurityGroup.Builder.create(this, "WorkersSecurityGroup")
            .groupName(prefix + "-workers")
            .groupDescription("SNS collector worker pods (security groups for pods): reach Redis")
            .vpcId(settings.vpcId())
            .build();
    redisGroup =
        CfnSecurityGroup.Builder.create(this, "RedisSecurityGroup")
            .groupName(prefix + "-redis")
            .groupDescription("SNS collector Redis: admits the workers only")
            .vpcId(settings.vpcId())
            // A group without egress rules gets allow-all; this rule matches nothing (CDK's idiom).
            .securityGroupEgress(
                List.of(
                    CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("icmp")
                        .fromPort(252)
                        .toPort(86)
                        .cidrIp("255.255.255.255/32")
                        .description("Disallow all traffic")
                        .build()))
            .build();
    CfnSecurityGroupIngress.Builder.create(this, "RedisFromWorkers")
        .groupId(redisGroup.getAttrGroupId())
        .sourceSecurityGroupId(workers.getAttrGroupId())
        .ipProtocol("tcp")
        .fromPort(PORT)
        .toPort(PORT)
        .description("Redis from the worker pods")
        .build();
    CfnSubnetGroup subnets =
        CfnSubnetGroup.Builder.create(this, "Subnets")
            .cacheSubnetGroupName(prefix + "-redis")
            .description("SNS collector Redis: the cluster's private subnets")
            .subnetIds(settings.privateSubnetIds())
            .build();
    authToken =
        Secret.Builder.create(this, "AuthToken")
            .secretName(prefix + "/redis-auth-token")
            .description("AUTH token of the shared-budget Redis")
            .encryptionKey(key)
            // ElastiCache takes 16-128 printable characters without / " @; alphanumerics also
            // need no escaping in the URL.
            .generateSecretString(
                SecretStringGenerator.builder()
                    .passwordLength(64)
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .build())
            .build();
    String tokenReference = authToken.getSecretValue().unsafeUnwrap();
    replicationGroup =
        CfnReplicationGroup.Builder.create(this, "ReplicationGroup")
            .replicationGroupId(prefix + "-budgets")
            .replicationGroupDescription("SNS collector: budgets the workers share")
            .engine("redis")
            .engineVersion("7.1")
            .cacheNodeType(settings.redisNodeType())
            .numCacheClusters(2)
            .automaticFailoverEnabled(true)
            .multiAzEnabled(true)
            .atRestEncryptionEnabled(true)
            .transitEncryptionEnabled(true)
            .transitEncryptionMode("required")
            .authToken(tokenReference)
            .port(PORT)
            .cacheSubnetGroupName(subnets.getRef())
            .securityGroupIds(List.of(redisGroup.getAttrGroupId()))
            .build();
    url =
        Secret.Builder.create(this, "Url")
            .secretName(prefix + "/redis")
            .description("REDIS_URL of the workers: rediss://:<token>@<primary endpoint>:6379")
            .encryptionKey(key)
            .secretObjectValue(
                Map.of(
                    "url",
                    SecretValue.unsafePlainText(
                        "rediss://:"
                            + tokenReference
                            + "@"
                            + replicationGroup.getAttrPrimaryEndPointAddress()
                            + ":"
                            + replicationGroup.getAttrPrimaryEndPointPort())))
            .build();
  }

  /** The security group of the worker pods, the only one Redis admits. */
  public CfnSecurityGroup workers() {
    return workers;
  }

  public CfnSecurityGroup redisGroup() {
    return redisGroup;
  }

  public CfnReplicationGroup replicationGroup() {
    return replicationGroup;
  }

  /** {@code <prefix>/redis-auth-token}: Redis's AUTH token, generated. */
  public Secret authToken() {
    return authToken;
  }

  /** {@code <prefix>/redis}, with the workers' {@code REDIS_URL} as {@code url}. */
  public Secret url() {
    return url;
  }
}
