package dev.snscollector.infra;

import static dev.snscollector.infra.SynthesizedStack.id;
import static dev.snscollector.infra.SynthesizedStack.properties;
import static dev.snscollector.infra.SynthesizedStack.resources;
import static dev.snscollector.infra.SynthesizedStack.stack;
import static dev.snscollector.infra.SynthesizedStack.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorBucketTest {
  private static Map<String, Object> bucket() {
    return properties(id(stack().bucket().bucket()));
  }

  @Test
  void theBucketIsEncryptedAndNamedAsTheAwsOverlayNamesIt() {
    assertThat(bucket().get("BucketEncryption"))
        .isEqualTo(
            Map.of(
                "ServerSideEncryptionConfiguration",
                List.of(
                    Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
    assertThat(text(bucket().get("BucketName"))).isEqualTo("sns-collector-${AWS::AccountId}");
    assertThat(
            RepoFiles.find(
                "deploy/k8s/overlays/aws/kustomization.yaml", "- BUCKET=(sns-collector)-\\d{12}$"))
        .isEqualTo("sns-collector");
  }

  @Test
  void nothingInTheBucketCanBeMadePublicAndAclsAreOff() {
    assertThat(bucket().get("PublicAccessBlockConfiguration"))
        .isEqualTo(
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true));
    assertThat(bucket().get("OwnershipControls"))
        .isEqualTo(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
  }

  @Test
  void theBucketIsNotVersionedSoThatErasureAndRetentionReallyDelete() {
    assertThat(bucket()).doesNotContainKey("VersioningConfiguration");
  }

  @Test
  void theBucketRefusesRequestsWithoutTls() {
    String bucketId = id(stack().bucket().bucket());
    Map<String, Map<String, Object>> policies = resources("AWS::S3::BucketPolicy");
    assertThat(policies).hasSize(1);
    Map<?, ?> policy = (Map<?, ?>) policies.values().iterator().next().get("Properties");
    assertThat(text(policy.get("Bucket"))).isEqualTo("${" + bucketId + "}");
    List<?> statements = (List<?>) ((Map<?, ?>) policy.get("PolicyDocument")).get("Statement");
    assertThat(statements)
        .anySatisfy(
            s -> {
              Map<?, ?> statement = (Map<?, ?>) s;
              assertThat(statement.get("Effect")).isEqualTo("Deny");
              assertThat(statement.get("Principal")).isEqualTo(Map.of("AWS", "*"));
              assertThat(statement.get("Condition"))
                  .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
              assertThat(
                      SynthesizedStack.list(statement.get("Resource")).stream().map(r -> text(r)))
                  .containsExactlyInAnyOrder(
                      "${" + bucketId + ".Arn}", "${" + bucketId + ".Arn}/*");
            });
  }

  @Test
  void theLifecycleRulesAreThoseOfDeployS3LifecycleJson() throws Exception {
    JsonNode file = new ObjectMapper().readTree(RepoFiles.read("deploy/s3/lifecycle.json"));
    List<Map<String, Object>> expected = new ArrayList<>();
    for (JsonNode rule : file.path("Rules")) {
      expected.add(asCloudFormation(rule));
    }
    assertThat(expected).hasSize(4);

    Map<?, ?> lifecycle = (Map<?, ?>) bucket().get("LifecycleConfiguration");
    List<Object> rules = new ArrayList<>((List<?>) lifecycle.get("Rules"));
    assertThat(rules).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * A rule of S3's lifecycle API (what {@code aws s3api put-bucket-lifecycle-configuration} takes)
   * as CloudFormation writes it; fails on a field this translation does not know, so that a new
   * kind of rule in the file cannot pass unchecked.
   */
  private static Map<String, Object> asCloudFormation(JsonNode rule) {
    Map<String, Object> cfn = new LinkedHashMap<>();
    rule.fieldNames()
        .forEachRemaining(
            field -> {
              JsonNode value = rule.get(field);
              switch (field) {
                case "ID" -> cfn.put("Id", value.asText());
                case "Status" -> cfn.put("Status", value.asText());
                case "Filter" -> {
                  assertThat(value.size()).as("a filter by prefix only").isEqualTo(1);
                  if (!value.path("Prefix").asText().isEmpty()) {
                    cfn.put("Prefix", value.path("Prefix").asText());
                  }
                }
                case "Expiration" -> {
                  assertThat(value.size()).as("expiry by days only").isEqualTo(1);
                  cfn.put("ExpirationInDays", value.path("Days").intValue());
                }
                case "AbortIncompleteMultipartUpload" ->
                    cfn.put(
                        "AbortIncompleteMultipartUpload",
                        Map.of(
                            "DaysAfterInitiation", value.path("DaysAfterInitiation").intValue()));
                default -> throw new AssertionError("lifecycle.json: unknown field " + field);
              }
            });
    return cfn;
  }
}
