package dev.snscollector.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.cxapi.CloudAssembly;

class CollectorAppTest {
  @Test
  void synthesizesADeployableTemplateIntoTheGivenFolder(@TempDir Path out) throws Exception {
    CloudAssembly assembly = CollectorApp.synthesize(out, SynthesizedStack.SETTINGS.toContext());

    Path template = out.resolve("SnsCollector.template.json");
    assertThat(Path.of(assembly.getStackByName(CollectorApp.STACK).getTemplateFullPath()))
        .isEqualTo(template);
    JsonNode json = new ObjectMapper().readTree(Files.readString(template));
    Set<String> types = new TreeSet<>();
    json.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
    assertThat(types)
        .containsExactlyInAnyOrder(
            "AWS::SQS::Queue",
            "AWS::SQS::QueuePolicy",
            "AWS::S3::Bucket",
            "AWS::S3::BucketPolicy",
            "AWS::KMS::Key",
            "AWS::KMS::Alias",
            "AWS::SecretsManager::Secret",
            "AWS::EC2::SecurityGroup",
            "AWS::EC2::SecurityGroupIngress",
            "AWS::ElastiCache::SubnetGroup",
            "AWS::ElastiCache::ReplicationGroup",
            "AWS::IAM::Role");
    // No bootstrap version parameter and no assets: plain CloudFormation deploys it.
    assertThat(json.has("Parameters")).isFalse();
    assertThat(json.path("Outputs").has("WorkersSecurityGroupId")).isTrue();
  }

  @Test
  void namesEveryMissingRequiredValueAtOnce(@TempDir Path out) {
    assertThatThrownBy(() -> CollectorApp.synthesize(out, Map.of("namePrefix", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing context: oidcProviderArn, oidcIssuer, vpcId, privateSubnetIds");
  }

  @Test
  void refusesAContextKeyItDoesNotKnow(@TempDir Path out) {
    Map<String, String> context = new HashMap<>(SynthesizedStack.SETTINGS.toContext());
    context.put("maxReceives", "5");
    assertThatThrownBy(() -> CollectorApp.synthesize(out, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown context [maxReceives]");
  }

  @Test
  void overridesComeThroughTheContext() {
    Map<String, String> context = new HashMap<>(SynthesizedStack.SETTINGS.toContext());
    context.put("maxReceiveCount", "7");
    context.put("privateSubnetIds", "subnet-0a1b2c3d4e5f00001, subnet-0a1b2c3d4e5f00002");
    CollectorSettings settings = CollectorSettings.fromContext(context::get);
    assertThat(settings.maxReceiveCount()).isEqualTo(7);
    assertThat(settings.privateSubnetIds())
        .containsExactly("subnet-0a1b2c3d4e5f00001", "subnet-0a1b2c3d4e5f00002");
    assertThat(settings).isEqualTo(withMaxReceives(SynthesizedStack.SETTINGS, 7));
  }

  @Test
  void refusesSettingsThatCannotWorkNamingEachProblem() {
    assertThatThrownBy(
            () ->
                CollectorSettings.forCluster(
                    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A",
                    "oidc.eks.us-east-1.amazonaws.com/id/B",
                    "vpc-0a1b2c3d4e5f67890",
                    List.of("subnet-0a1b2c3d4e5f00001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the provider of oidc.eks.us-east-1.amazonaws.com/id/B")
        .hasMessageContaining("must be two subnet ids or more");
  }

  private static CollectorSettings withMaxReceives(CollectorSettings s, int maxReceives) {
    return new CollectorSettings(
        s.namePrefix(),
        s.namespace(),
        s.workerServiceAccount(),
        s.apiServiceAccount(),
        s.oidcProviderArn(),
        s.oidcIssuer(),
        maxReceives,
        s.visibilityTimeoutSeconds(),
        s.vpcId(),
        s.privateSubnetIds(),
        s.redisNodeType());
  }
}
