package dev.snscollector.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The customer-managed KMS key (rotated yearly) and the secret {@code <prefix>/token-keys} it
 * encrypts: the key ring that seals creators' OAuth tokens, {@code id=base64key} lines, which the
 * External Secrets Operator copies into the Secret collector-secrets (deploy/k8s/overlays/aws).
 *
 * <p>CloudFormation cannot make a key in that format, so the secret starts as a comment line; put
 * the real ring with {@code aws secretsmanager put-secret-value} (infra/README.md). Until then the
 * worker and the API refuse to start ("holds no key"): never a fleet without its keys. A stack
 * update leaves the value alone, since the template's does not change. Both the key and the secret
 * outlive the stack: tokens sealed with a lost key are lost.
 */
public final class CollectorSecrets extends Construct {
  static final String TOKEN_KEYS_PLACEHOLDER =
      "# no key yet: ./collector seal-token --generate-key, then put-secret-value (infra/README.md)";

  private final Key key;
  private final Secret tokenKeys;

  public CollectorSecrets(Construct scope, String id, CollectorSettings settings) {
    super(scope, id);
    key =
        Key.Builder.create(this, "Key")
            .alias("alias/" + settings.namePrefix() + "-secrets")
            .description("Encrypts the SNS collector's secrets (token keys, Redis auth)")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    tokenKeys =
        Secret.Builder.create(this, "TokenKeys")
            .secretName(settings.namePrefix() + "/token-keys")
            .description("Token key ring: id=base64key lines (TOKEN_KEYS_FILE)")
            .encryptionKey(key)
            .secretStringValue(SecretValue.unsafePlainText(TOKEN_KEYS_PLACEHOLDER))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  public Key key() {
    return key;
  }

  public Secret tokenKeys() {
    return tokenKeys;
  }
}
