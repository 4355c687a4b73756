package dev.snscollector.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The IAM roles of the worker and the API, assumed through IRSA: only a token the cluster's OIDC
 * provider issued to the service account {@code <namespace>:<name>} for STS may assume each.
 *
 * <p>Least privilege, from what the code calls (docker/README.md lists it): every action named,
 * every resource a queue's ARN, the bucket's or one of its prefixes; nothing for KMS (the queues
 * and the bucket use service-managed keys) and nothing for Secrets Manager (the External Secrets
 * Operator, not the pods, reads the secrets). SQS authorizes a batch call by its single action
 * ({@code DeleteMessageBatch} by {@code sqs:DeleteMessage}, and so on).
 *
 * <p>Both roles may list the bucket ({@code s3:ListBucket}, the bucket alone): without it S3
 * answers a GET or HEAD of a missing object with 403 instead of 404, and the code reads a 404 as
 * "absent" (no cancelled-jobs list yet, a resent job's missing object, an erased partition).
 */
public final class ServiceAccountRoles extends Construct {
  private final Role worker;
  private final Role api;

  public ServiceAccountRoles(
      Construct scope,
      String id,
      CollectorSettings settings,
      JobQueues queues,
      CollectorBucket bucket) {
    super(scope, id);
    String jobs = queues.jobs().getQueueArn();
    String deadLetters = queues.deadLetters().getQueueArn();
    String results = queues.results().getQueueArn();
    String bucketArn = bucket.bucket().getBucketArn();
    worker =
        role(
            "Worker",
            settings,
            settings.workerServiceAccount(),
            "-worker",
            List.of(
                allow(
                    "ReceiveJobs",
                    List.of(
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:ChangeMessageVisibility",
                        // Also KEDA's scaler, which reads the depth with this role.
                        "sqs:GetQueueAttributes"),
                    List.of(jobs)),
                // Deferrals go back to the jobs queue as fresh messages; what is not a job goes
                // to the dead-letter queue; result events to the API.
                allow(
                    "SendDeferralsDeadLettersResults",
                    List.of("sqs:SendMessage"),
                    List.of(jobs, deadLetters, results)),
                allow(
                    "WriteJobObjects",
                    List.of("s3:PutObject"),
                    List.of(bucket.objects("jobs/"), bucket.objects("drift/"))),
                // The HEAD of a resent job's object, and the API's control objects (cancelled
                // jobs, paused routes).
                allow(
                    "ReadJobObjectsAndControl",
                    List.of("s3:GetObject"),
                    List.of(bucket.objects("jobs/"), bucket.objects("control/"))),
                allow("TellMissingFromForbidden", List.of("s3:ListBucket"), List.of(bucketArn))));
    api =
        role(
            "Api",
            settings,
            settings.apiServiceAccount(),
            "-api",
            List.of(
                // The outbox sends jobs; /collector status reads the queue's depth, redrive its
                // redrive policy and ARN.
                allow(
                    "SendJobs",
                    List.of("sqs:SendMessage", "sqs:GetQueueAttributes"),
                    List.of(jobs)),
                // /collector status reads the dead-letter queue's depth; /collector redrive runs
                // SQS's own move task from it back to the jobs queue (SendMessage above), which
                // reads and deletes with the caller's rights on its source.
                allow(
                    "RedriveDeadLetters",
                    List.of(
                        "sqs:GetQueueUrl",
                        "sqs:GetQueueAttributes",
                        "sqs:StartMessageMoveTask",
                        "sqs:ListMessageMoveTasks",
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage"),
                    List.of(deadLetters)),
                allow(
                    "ConsumeResults",
                    List.of("sqs:ReceiveMessage", "sqs:DeleteMessage"),
                    List.of(results)),
                // Records out of job objects, the control objects it rewrites, partitions that
                // erasure rewrites.
                allow(
                    "ReadRecordsControlPartitions",
                    List.of("s3:GetObject"),
                    List.of(
                        bucket.objects("jobs/"),
                        bucket.objects("control/"),
                        bucket.objects("creators/"))),
                allow(
                    "WriteControlAndPartitions",
                    List.of("s3:PutObject"),
                    List.of(bucket.objects("control/"), bucket.objects("creators/"))),
                // Retention deletes job and drift objects; erasure deletes emptied partitions.
                allow(
                    "DeleteByRetentionAndErasure",
                    List.of("s3:DeleteObject"),
                    List.of(
                        bucket.objects("jobs/"),
                        bucket.objects("drift/"),
                        bucket.objects("creators/"))),
                allow("TellMissingFromForbidden", List.of("s3:ListBucket"), List.of(bucketArn))));
  }

  public Role worker() {
    return worker;
  }

  public Role api() {
    return api;
  }

  private Role role(
      String id,
      CollectorSettings settings,
      String serviceAccount,
      String suffix,
      List<PolicyStatement> statements) {
    FederatedPrincipal irsa =
        new FederatedPrincipal(
            settings.oidcProviderArn(),
            Map.of(
                "StringEquals",
                Map.of(
                    settings.oidcIssuer() + ":sub",
                    settings.serviceAccountSubject(serviceAccount),
                    settings.oidcIssuer() + ":aud",
                    "sts.amazonaws.com")),
            "sts:AssumeRoleWithWebIdentity");
    return Role.Builder.create(this, id)
        .roleName(settings.namePrefix() + suffix)
        .description(
            "SNS collector, service account "
                + settings.namespace()
                + "/"
                + serviceAccount
                + " (IRSA)")
        .assumedBy(irsa)
        .maxSessionDuration(Duration.hours(1))
        .inlinePolicies(
            Map.of("collector", PolicyDocument.Builder.create().statements(statements).build()))
        .build();
  }

  private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
  }
}
