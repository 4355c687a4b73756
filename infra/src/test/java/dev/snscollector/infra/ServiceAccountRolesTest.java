package dev.snscollector.infra;

import static dev.snscollector.infra.SynthesizedStack.ISSUER;
import static dev.snscollector.infra.SynthesizedStack.PROVIDER;
import static dev.snscollector.infra.SynthesizedStack.arn;
import static dev.snscollector.infra.SynthesizedStack.id;
import static dev.snscollector.infra.SynthesizedStack.properties;
import static dev.snscollector.infra.SynthesizedStack.resources;
import static dev.snscollector.infra.SynthesizedStack.stack;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.iam.Role;

/**
 * The worker's and the API's roles: who may assume them, and exactly what each may do. The expected
 * tables come from the calls the code makes (see {@link ServiceAccountRoles}), not from the stack.
 */
class ServiceAccountRolesTest {
  private static String jobs() {
    return arn(stack().queues().jobs());
  }

  private static String deadLetters() {
    return arn(stack().queues().deadLetters());
  }

  private static String results() {
    return arn(stack().queues().results());
  }

  private static String bucket() {
    return arn(stack().bucket().bucket());
  }

  private static String objects(String prefix) {
    return bucket() + "/" + prefix + "*";
  }

  private static List<Map<?, ?>> statements(Role role) {
    List<Map<?, ?>> statements = new ArrayList<>();
    for (Object policy : (List<?>) properties(id(role)).get("Policies")) {
      statements.addAll(PolicyAudit.statements(((Map<?, ?>) policy).get("PolicyDocument")));
    }
    return statements;
  }

  @Test
  void theWorkerMayDoExactlyWhatItsCodeDoes() {
    assertThat(PolicyAudit.grants(statements(stack().roles().worker())))
        .isEqualTo(
            Map.of(
                "sqs:ReceiveMessage", Set.of(jobs()),
                "sqs:DeleteMessage", Set.of(jobs()),
                "sqs:ChangeMessageVisibility", Set.of(jobs()),
                "sqs:GetQueueAttributes", Set.of(jobs()),
                "sqs:SendMessage", Set.of(jobs(), deadLetters(), results()),
                "s3:PutObject", Set.of(objects("jobs/"), objects("drift/")),
                "s3:GetObject", Set.of(objects("jobs/"), objects("control/")),
                "s3:ListBucket", Set.of(bucket())));
  }

  @Test
  void theApiMayDoExactlyWhatItsCodeDoes() {
    assertThat(PolicyAudit.grants(statements(stack().roles().api())))
        .isEqualTo(
            Map.ofEntries(
                entry("sqs:SendMessage", Set.of(jobs())),
                entry("sqs:GetQueueAttributes", Set.of(jobs(), deadLetters())),
                entry("sqs:GetQueueUrl", Set.of(deadLetters())),
                entry("sqs:StartMessageMoveTask", Set.of(deadLetters())),
                entry("sqs:ListMessageMoveTasks", Set.of(deadLetters())),
                entry("sqs:ReceiveMessage", Set.of(results(), deadLetters())),
                entry("sqs:DeleteMessage", Set.of(results(), deadLetters())),
                entry(
                    "s3:GetObject",
                    Set.of(objects("jobs/"), objects("control/"), objects("creators/"))),
                entry("s3:PutObject", Set.of(objects("control/"), objects("creators/"))),
                entry(
                    "s3:DeleteObject",
                    Set.of(objects("jobs/"), objects("drift/"), objects("creators/"))),
                entry("s3:ListBucket", Set.of(bucket()))));
  }

  @Test
  void noIdentityPolicyInTheStackHasAWildcardActionOrAResourceOutsideItsQueuesAndBucket() {
    Set<String> own = Set.of(jobs(), deadLetters(), results(), bucket());
    Map<String, Map<String, Object>> roles = resources("AWS::IAM::Role");
    assertThat(roles.keySet())
        .containsExactlyInAnyOrder(id(stack().roles().worker()), id(stack().roles().api()));
    assertThat(resources("AWS::IAM::Policy")).isEmpty();
    assertThat(resources("AWS::IAM::ManagedPolicy")).isEmpty();
    for (String role : roles.keySet()) {
      assertThat(properties(role)).doesNotContainKey("ManagedPolicyArns");
      List<Map<?, ?>> statements = new ArrayList<>();
      for (Object policy : (List<?>) properties(role).get("Policies")) {
        statements.addAll(PolicyAudit.statements(((Map<?, ?>) policy).get("PolicyDocument")));
      }
      assertThat(statements).as(role).isNotEmpty();
      assertThat(PolicyAudit.violations(statements, own)).as(role).isEmpty();
    }
  }

  @Test
  void theAuditFindsWildcardsAndForeignResources() {
    Set<String> own = Set.of(jobs(), bucket());
    List<Map<?, ?>> statements =
        List.of(
            Map.of("Sid", "A", "Effect", "Allow", "Action", "s3:*", "Resource", bucket() + "/x/*"),
            Map.of("Sid", "B", "Effect", "Allow", "Action", "s3:Get*", "Resource", bucket()),
            Map.of("Sid", "C", "Effect", "Allow", "Action", "sqs:SendMessage", "Resource", "*"),
            Map.of(
                "Sid",
                "D",
                "Effect",
                "Allow",
                "Action",
                "s3:GetObject",
                "Resource",
                bucket() + "/*"),
            Map.of(
                "Sid",
                "E",
                "Effect",
                "Allow",
                "Action",
                "s3:GetObject",
                "Resource",
                "arn:aws:s3:::someone-elses/*"),
            Map.of("Sid", "F", "Effect", "Allow", "NotAction", "iam:PassRole", "Resource", jobs()),
            Map.of("Sid", "G", "Effect", "Allow", "Action", "sqs:SendMessage", "Resource", jobs()));
    assertThat(PolicyAudit.violations(statements, own))
        .containsExactly(
            "A: action s3:*",
            "B: action s3:Get*",
            "C: resource *",
            "D: resource " + bucket() + "/*",
            "E: resource arn:aws:s3:::someone-elses/*",
            "F: NotAction",
            "F: no Action");
  }

  @Test
  void onlyTheClustersTokenForTheWorkersServiceAccountAssumesTheWorkerRole() {
    assertAssumedOnlyBy(stack().roles().worker(), "collector-worker");
  }

  @Test
  void onlyTheClustersTokenForTheApisServiceAccountAssumesTheApiRole() {
    assertAssumedOnlyBy(stack().roles().api(), "collector-api");
  }

  private static void assertAssumedOnlyBy(Role role, String serviceAccount) {
    String namespace =
        RepoFiles.find("deploy/k8s/overlays/aws/kustomization.yaml", "^namespace: (\\S+)$");
    assertThat(RepoFiles.read("deploy/k8s/base/serviceaccounts.yaml"))
        .contains("kind: ServiceAccount\nmetadata:\n  name: " + serviceAccount + "\n");
    List<Map<?, ?>> trust =
        PolicyAudit.statements(properties(id(role)).get("AssumeRolePolicyDocument"));
    assertThat(trust)
        .containsExactly(
            Map.of(
                "Action",
                "sts:AssumeRoleWithWebIdentity",
                "Effect",
                "Allow",
                "Principal",
                Map.of("Federated", PROVIDER),
                "Condition",
                Map.of(
                    "StringEquals",
                    Map.of(
                        ISSUER + ":sub",
                        "system:serviceaccount:" + namespace + ":" + serviceAccount,
                        ISSUER + ":aud",
                        "sts.amazonaws.com"))));
  }

  @Test
  void theRolesAreTheOnesTheAwsOverlaysServiceAccountsName() {
    String overlay = RepoFiles.read("deploy/k8s/overlays/aws/kustomization.yaml");
    for (Role role : List.of(stack().roles().worker(), stack().roles().api())) {
      String name = (String) properties(id(role)).get("RoleName");
      assertThat(overlay)
          .contains("eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/" + name + "\n");
    }
    assertThat(overlay)
        .containsSubsequence("name: collector-worker", "role/sns-collector-worker")
        .containsSubsequence("name: collector-api", "role/sns-collector-api");
  }
}
