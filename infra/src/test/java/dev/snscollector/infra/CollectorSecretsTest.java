package dev.snscollector.infra;

import static dev.snscollector.infra.SynthesizedStack.arn;
import static dev.snscollector.infra.SynthesizedStack.id;
import static dev.snscollector.infra.SynthesizedStack.properties;
import static dev.snscollector.infra.SynthesizedStack.resources;
import static dev.snscollector.infra.SynthesizedStack.stack;
import static dev.snscollector.infra.SynthesizedStack.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CollectorSecretsTest {
  @Test
  void theKeyRotatesAndOutlivesTheStack() {
    String key = id(stack().secrets().key());
    assertThat(properties(key)).containsEntry("EnableKeyRotation", true);
    assertThat(resources("AWS::KMS::Key").get(key))
        .containsEntry("DeletionPolicy", "Retain")
        .containsEntry("UpdateReplacePolicy", "Retain");
  }

  @Test
  void everySecretIsEncryptedWithTheKey() {
    Map<String, Map<String, Object>> secrets = resources("AWS::SecretsManager::Secret");
    assertThat(secrets).hasSize(3);
    secrets.forEach(
        (id, secret) ->
            assertThat(text(properties(id).get("KmsKeyId")))
                .as(id)
                .isEqualTo(arn(stack().secrets().key())));
  }

  @Test
  void theTokenKeysSecretOutlivesTheStackAndStartsWithoutAKey() {
    String tokenKeys = id(stack().secrets().tokenKeys());
    assertThat(resources("AWS::SecretsManager::Secret").get(tokenKeys))
        .containsEntry("DeletionPolicy", "Retain");
    String value = (String) properties(tokenKeys).get("SecretString");
    // KeyRing skips '#' lines and refuses a file without a key: the pods stop at start.
    assertThat(value).startsWith("#").doesNotContain("\n");
    assertThat(properties(tokenKeys)).doesNotContainKey("GenerateSecretString");
  }

  @Test
  void theSecretsTheExternalSecretReadsFromThisStackExistUnderThoseNames() {
    Map<String, String> names = new LinkedHashMap<>();
    resources("AWS::SecretsManager::Secret")
        .keySet()
        .forEach(id -> names.put((String) properties(id).get("Name"), id));
    Matcher keys =
        Pattern.compile("key: (sns-collector/\\S+)")
            .matcher(RepoFiles.read("deploy/k8s/overlays/aws/external-secret.yaml"));
    Map<String, Boolean> read = new LinkedHashMap<>();
    while (keys.find()) {
      read.put(keys.group(1), names.containsKey(keys.group(1)));
    }
    // The database, API, webhook, YouTube and OAuth secrets belong to RDS and the operators.
    assertThat(read)
        .containsEntry("sns-collector/token-keys", true)
        .containsEntry("sns-collector/redis", true)
        .containsEntry("sns-collector/database", false);
    assertThat(names.get("sns-collector/token-keys")).isEqualTo(id(stack().secrets().tokenKeys()));
  }
}
