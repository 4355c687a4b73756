package dev.snscollector.infra;

import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.BootstraplessSynthesizerProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The collector's AWS resources in one stack: {@link JobQueues}, {@link CollectorBucket}, {@link
 * CollectorSecrets}, {@link SharedBudgetsRedis} and {@link ServiceAccountRoles}. Its outputs are
 * the values deploy/k8s/overlays/aws needs (queue URLs, bucket, role ARNs, the workers' security
 * group).
 *
 * <p>Environment-agnostic and free of lookups and assets: synthesis needs no AWS account, and the
 * template deploys with plain CloudFormation as well as with the CDK CLI (no bootstrap stack).
 */
public final class CollectorStack extends Stack {
  private final JobQueues queues;
  private final CollectorBucket bucket;
  private final CollectorSecrets secrets;
  private final SharedBudgetsRedis redis;
  private final ServiceAccountRoles roles;

  public CollectorStack(Construct scope, String id, CollectorSettings settings) {
    super(
        scope,
        id,
        StackProps.builder()
            .description(
                "SNS collector: jobs and results queues, bucket, token-key secret,"
                    + " shared-budget Redis, IRSA roles of the worker and the API")
            .synthesizer(
                new BootstraplessSynthesizer(BootstraplessSynthesizerProps.builder().build()))
            .build());
    queues = new JobQueues(this, "Queues", settings);
    bucket = new CollectorBucket(this, "Storage", settings);
    secrets = new CollectorSecrets(this, "Secrets", settings);
    redis = new SharedBudgetsRedis(this, "SharedBudgets", settings, secrets.key());
    roles = new ServiceAccountRoles(this, "Roles", settings, queues, bucket);

    output("JobsQueueUrl", queues.jobs().getQueueUrl(), "JOBS_QUEUE_URL");
    output("DeadLetterQueueUrl", queues.deadLetters().getQueueUrl(), "the workers' DLQ_URL");
    output("ResultsQueueUrl", queues.results().getQueueUrl(), "RESULTS_QUEUE_URL");
    output("BucketName", bucket.bucket().getBucketName(), "BUCKET");
    output("WorkerRoleArn", roles.worker().getRoleArn(), "collector-worker's role-arn annotation");
    output("ApiRoleArn", roles.api().getRoleArn(), "collector-api's role-arn annotation");
    output(
        "WorkersSecurityGroupId",
        redis.workers().getAttrGroupId(),
        "the worker pods' SecurityGroupPolicy");
    output(
        "TokenKeysSecretArn",
        secrets.tokenKeys().getSecretArn(),
        "put the key ring here (infra/README.md)");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public JobQueues queues() {
    return queues;
  }

  public CollectorBucket bucket() {
    return bucket;
  }

  public CollectorSecrets secrets() {
    return secrets;
  }

  public SharedBudgetsRedis redis() {
    return redis;
  }

  public ServiceAccountRoles roles() {
    return roles;
  }
}
