package dev.snscollector.infra;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket {@code <prefix>-<account>}: job objects ({@code jobs/}), drifted documents ({@code
 * drift/}), the API's control objects ({@code control/}) and the creator partitions ({@code
 * creators/}), laid out as capture's {@code S3Layout} says.
 *
 * <ul>
 *   <li>Encrypted with S3-managed keys (SSE-S3): a worker writes an object per job, and SSE-KMS
 *       would put a KMS call behind each and a KMS grant in every role that reads or writes; the
 *       KMS key guards the secrets instead ({@link CollectorSecrets}).
 *   <li>No public access of any kind, ACLs disabled (the bucket owns every object), TLS required.
 *   <li>Not versioned: erasure and retention delete or rewrite objects, and old versions would keep
 *       what they removed.
 *   <li>{@link #LIFECYCLE}: the rules of deploy/s3/lifecycle.json, which a test holds them to.
 * </ul>
 */
public final class CollectorBucket extends Construct {
  /** One rule of the bucket's lifecycle: expiry after days, or abandoned uploads aborted. */
  record Rule(String id, String prefix, int expireAfterDays, int abortUploadsAfterDays) {
    LifecycleRule toCdk() {
      LifecycleRule.Builder rule = LifecycleRule.builder().id(id).enabled(true);
      if (!prefix.isEmpty()) {
        rule.prefix(prefix);
      }
      if (expireAfterDays > 0) {
        rule.expiration(Duration.days(expireAfterDays));
      }
      if (abortUploadsAfterDays > 0) {
        rule.abortIncompleteMultipartUploadAfter(Duration.days(abortUploadsAfterDays));
      }
      return rule.build();
    }
  }

  /**
   * 190 days: past the API's RETENTION_JOB_DAYS (180), so the API's sweep deletes first and this
   * only catches objects whose row went another way.
   */
  static final List<Rule> LIFECYCLE =
      List.of(
          new Rule("job-objects-after-retention", "jobs/", 190, 0),
          new Rule("drifted-documents-after-retention", "drift/", 190, 0),
          new Rule("creator-partitions-after-retention", "creators/", 190, 0),
          new Rule("abandoned-uploads", "", 0, 1));

  private final Bucket bucket;

  public CollectorBucket(Construct scope, String id, CollectorSettings settings) {
    super(scope, id);
    bucket =
        Bucket.Builder.create(this, "Bucket")
            .bucketName(settings.namePrefix() + "-" + Aws.ACCOUNT_ID)
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .versioned(false)
            .lifecycleRules(LIFECYCLE.stream().map(Rule::toCdk).toList())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  public Bucket bucket() {
    return bucket;
  }

  /** The ARN pattern of the objects under a prefix, {@code arn:...:bucket/jobs/*}. */
  public String objects(String prefix) {
    return bucket.arnForObjects(prefix + "*");
  }
}
