package dev.snscollector.contracts.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys tokens are sealed with, by id, and the one new tokens are sealed with. Old keys stay in
 * the ring to open what they sealed, so keys rotate without downtime: add the new key, make it
 * active, re-seal at leisure, then drop the old one.
 *
 * <p>Sources: {@code TOKEN_KEYS} ({@code id:base64key,id:base64key}) and {@code TOKEN_ACTIVE_KEY}
 * from the environment, or {@code TOKEN_KEYS_FILE} naming a file of {@code id=base64key} lines
 * (first line active unless {@code TOKEN_ACTIVE_KEY} says otherwise). A KMS- or Secrets
 * Manager-backed provider builds the same ring. Keys are 32 random bytes (AES-256).
 */
public final class KeyRing {
  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  public KeyRing(Map<String, byte[]> keys, String activeKeyId) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs at least one key");
    }
    Map<String, SecretKey> ring = new LinkedHashMap<>();
    keys.forEach(
        (id, bytes) -> {
          if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("key id '" + id + "' must be 1-32 of [A-Za-z0-9_-]");
          }
          if (bytes.length != 32) {
            throw new IllegalArgumentException(
                "key '" + id + "' is " + bytes.length + " bytes; AES-256 needs 32");
          }
          ring.put(id, new SecretKeySpec(bytes, "AES"));
        });
    if (!ring.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("active key '" + activeKeyId + "' is not in the ring");
    }
    this.keys = Map.copyOf(ring);
    this.activeKeyId = activeKeyId;
  }

  /** The ring configured in {@code env}, or empty when no token keys are configured. */
  public static Optional<KeyRing> fromEnvironment(Map<String, String> env) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String inline = env.get("TOKEN_KEYS");
    String file = env.get("TOKEN_KEYS_FILE");
    if (inline != null && !inline.isBlank()) {
      for (String entry : inline.split(",")) {
        put(keys, entry.strip(), ':', "TOKEN_KEYS");
      }
    } else if (file != null && !file.isBlank()) {
      try {
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.startsWith("#")) {
            put(keys, line.strip(), '=', "TOKEN_KEYS_FILE");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read TOKEN_KEYS_FILE " + file, e);
      }
    } else {
      return Optional.empty();
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          (inline != null && !inline.isBlank() ? "TOKEN_KEYS" : "TOKEN_KEYS_FILE " + file)
              + " holds no key");
    }
    @Nullable String active = env.get("TOKEN_ACTIVE_KEY");
    return Optional.of(
        new KeyRing(keys, active == null ? keys.keySet().iterator().next() : active));
  }

  private static void put(Map<String, byte[]> keys, String entry, char separator, String source) {
    int at = entry.indexOf(separator);
    if (at <= 0) {
      throw new IllegalArgumentException(
          source + ": expected id" + separator + "base64key entries");
    }
    try {
      keys.put(entry.substring(0, at), Base64.getDecoder().decode(entry.substring(at + 1).strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + ": key '" + entry.substring(0, at) + "' is not base64", e);
    }
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  SecretKey active() {
    return key(activeKeyId).orElseThrow();
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return "KeyRing[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
  }
}
