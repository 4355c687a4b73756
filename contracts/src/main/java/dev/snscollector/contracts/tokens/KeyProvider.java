package dev.snscollector.contracts.tokens;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the token key ring comes from. {@link TokenSealer} asks for the current ring on every seal
 * and open, so a provider that re-reads its source rotates keys without a restart.
 *
 * <ul>
 *   <li>{@link #fixed}: a ring given once ({@code TOKEN_KEYS} in the environment);
 *   <li>{@link FileKeyProvider}: {@code TOKEN_KEYS_FILE}, re-read when the file changes. This is
 *       how keys held in AWS Secrets Manager or encrypted with KMS reach a pod or task: the Secrets
 *       Store CSI driver, External Secrets or ECS secrets write the file, and a rotation there
 *       shows up here within the check interval.
 * </ul>
 *
 * A provider that calls a key service itself implements this same interface.
 */
@FunctionalInterface
public interface KeyProvider {
  KeyRing current();

  static KeyProvider fixed(KeyRing ring) {
    return () -> ring;
  }

  /**
   * The provider the environment configures: {@code TOKEN_KEYS_FILE} (re-read on change) or {@code
   * TOKEN_KEYS}; empty when neither is set.
   */
  static Optional<KeyProvider> fromEnvironment(Map<String, String> env, Clock clock) {
    String file = env.get("TOKEN_KEYS_FILE");
    String inline = env.get("TOKEN_KEYS");
    if ((inline == null || inline.isBlank()) && file != null && !file.isBlank()) {
      return Optional.of(
          new FileKeyProvider(
              Path.of(file.strip()), env.get("TOKEN_ACTIVE_KEY"), clock, Duration.ofSeconds(30)));
    }
    return KeyRing.fromEnvironment(env).map(KeyProvider::fixed);
  }
}
