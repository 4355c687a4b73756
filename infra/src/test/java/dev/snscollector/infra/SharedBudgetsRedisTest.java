package dev.snscollector.infra;

import static dev.snscollector.infra.SynthesizedStack.id;
import static dev.snscollector.infra.SynthesizedStack.properties;
import static dev.snscollector.infra.SynthesizedStack.resources;
import static dev.snscollector.infra.SynthesizedStack.stack;
import static dev.snscollector.infra.SynthesizedStack.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedBudgetsRedisTest {
  private static String redisGroup() {
    return id(stack().redis().redisGroup());
  }

  private static String workersGroup() {
    return id(stack().redis().workers());
  }

  @Test
  void redisIsEncryptedAtRestAndInTransitAndAsksForItsToken() {
    Map<String, Object> redis = properties(id(stack().redis().replicationGroup()));
    assertThat(redis)
        .containsEntry("AtRestEncryptionEnabled", true)
        .containsEntry("TransitEncryptionEnabled", true)
        .containsEntry("TransitEncryptionMode", "required")
        .containsEntry("Engine", "redis")
        .containsEntry("Port", 6379);
    String token = id(stack().redis().authToken());
    assertThat(text(redis.get("AuthToken")))
        .isEqualTo("{{resolve:secretsmanager:${" + token + "}:SecretString:::}}");
  }

  @Test
  void redisKeepsAReplicaInAnotherZoneOfTheClustersSubnets() {
    Map<String, Object> redis = properties(id(stack().redis().replicationGroup()));
    assertThat(redis)
        .containsEntry("NumCacheClusters", 2)
        .containsEntry("MultiAZEnabled", true)
        .containsEntry("AutomaticFailoverEnabled", true);
    Map<String, Map<String, Object>> subnetGroups = resources("AWS::ElastiCache::SubnetGroup");
    assertThat(subnetGroups).hasSize(1);
    String subnetGroup = subnetGroups.keySet().iterator().next();
    assertThat(text(redis.get("CacheSubnetGroupName"))).isEqualTo("${" + subnetGroup + "}");
    assertThat(properties(subnetGroup).get("SubnetIds"))
        .isEqualTo(SynthesizedStack.SETTINGS.privateSubnetIds());
  }

  @Test
  void onlyTheWorkersSecurityGroupReachesRedisAndOnlyOnItsPort() {
    Map<String, Object> redis = properties(id(stack().redis().replicationGroup()));
    assertThat(((List<?>) redis.get("SecurityGroupIds")).stream().map(SynthesizedStack::text))
        .containsExactly("${" + redisGroup() + ".GroupId}");
    assertThat(properties(redisGroup())).doesNotContainKey("SecurityGroupIngress");

    List<Map<?, ?>> intoRedis =
        resources("AWS::EC2::SecurityGroupIngress").values().stream()
            .<Map<?, ?>>map(r -> (Map<?, ?>) r.get("Properties"))
            .filter(p -> text(p.get("GroupId")).equals("${" + redisGroup() + ".GroupId}"))
            .toList();
    assertThat(intoRedis).hasSize(1);
    Map<?, ?> rule = intoRedis.get(0);
    assertThat(text(rule.get("SourceSecurityGroupId")))
        .isEqualTo("${" + workersGroup() + ".GroupId}");
    assertThat(rule.get("IpProtocol")).isEqualTo("tcp");
    assertThat(rule.get("FromPort")).isEqualTo(6379);
    assertThat(rule.get("ToPort")).isEqualTo(6379);
    assertThat(new HashSet<Object>(rule.keySet()))
        .doesNotContain("CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupName");
  }

  @Test
  void redisSendsNothingOut() {
    assertThat(properties(redisGroup()).get("SecurityGroupEgress"))
        .isEqualTo(
            List.of(
                Map.of(
                    "CidrIp", "255.255.255.255/32",
                    "Description", "Disallow all traffic",
                    "FromPort", 252,
                    "IpProtocol", "icmp",
                    "ToPort", 86)));
    assertThat(resources("AWS::EC2::SecurityGroupEgress")).isEmpty();
  }

  @Test
  void theWorkersGetTheirRedisUrlFromTheSecretTheExternalSecretReads() throws Exception {
    String replication = id(stack().redis().replicationGroup());
    String token = id(stack().redis().authToken());
    Map<String, Object> url = properties(id(stack().redis().url()));
    assertThat(url).containsEntry("Name", "sns-collector/redis");
    JsonNode value = new ObjectMapper().readTree(text(url.get("SecretString")));
    assertThat(value.path("url").asText())
        .isEqualTo(
            "rediss://:{{resolve:secretsmanager:${"
                + token
                + "}:SecretString:::}}@${"
                + replication
                + ".PrimaryEndPoint.Address}:${"
                + replication
                + ".PrimaryEndPoint.Port}");
    assertThat(RepoFiles.read("deploy/k8s/overlays/aws/external-secret.yaml"))
        .contains(
            "- secretKey: redis-url\n      remoteRef:\n        key: sns-collector/redis\n        property: url\n");
  }

  @Test
  void theWorkersSecurityGroupIsAnOutputForTheirPods() {
    Map<?, ?> outputs = (Map<?, ?>) SynthesizedStack.template().toJSON().get("Outputs");
    assertThat(text(((Map<?, ?>) outputs.get("WorkersSecurityGroupId")).get("Value")))
        .isEqualTo("${" + workersGroup() + ".GroupId}");
  }
}
