package dev.snscollector.contracts.tokens;

import dev.snscollector.contracts.Platform;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens creators' tokens: {@code v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>},
 * AES-256-GCM with a random 96-bit nonce and the platform and account id as associated data, so a
 * sealed token moved to another account or platform does not open.
 */
public final class TokenSealer {
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyProvider keys;
  private final SecureRandom random = new SecureRandom();

  public TokenSealer(KeyRing ring) {
    this(KeyProvider.fixed(ring));
  }

  /** A sealer that asks {@code keys} for the current ring each time, so keys rotate live. */
  public TokenSealer(KeyProvider keys) {
    this.keys = keys;
  }

  /** Seals {@code token} for one account on one platform under the ring's active key. */
  public String seal(String token, Platform platform, String accountId) {
    KeyRing ring = keys.current();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed =
        crypt(
            Cipher.ENCRYPT_MODE,
            ring.active(),
            nonce,
            binding(platform, accountId),
            token.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[NONCE_BYTES + sealed.length];
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
    return VERSION
        + "."
        + ring.activeKeyId()
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * Opens a sealed token.
   *
   * @throws TokenSealException when it is malformed, its key is not in the ring, or it was altered
   *     or bound to another account or platform
   */
  public String open(String sealed, Platform platform, String accountId) {
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw new TokenSealException(
          TokenSealException.Reason.MALFORMED, "sealed token is not in the v1.<keyId>.<data> form");
    }
    SecretKey key =
        keys.current()
            .key(parts[1])
            .orElseThrow(
                () ->
                    new TokenSealException(
                        TokenSealException.Reason.UNKNOWN_KEY,
                        "sealed token names key '" + parts[1] + "', which is not in the key ring"));
    byte[] data;
    try {
      data = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new TokenSealException(
          TokenSealException.Reason.MALFORMED, "sealed token is not base64url");
    }
    if (data.length <= NONCE_BYTES + TAG_BITS / 8) {
      throw new TokenSealException(
          TokenSealException.Reason.MALFORMED, "sealed token is too short");
    }
    byte[] nonce = java.util.Arrays.copyOf(data, NONCE_BYTES);
    byte[] body = java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length);
    return new String(
        crypt(Cipher.DECRYPT_MODE, key, nonce, binding(platform, accountId), body),
        StandardCharsets.UTF_8);
  }

  private static byte[] binding(Platform platform, String accountId) {
    return ("sns-collector/token/v1|" + platform.wireName() + "|" + accountId)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new TokenSealException(
          TokenSealException.Reason.TAMPERED_OR_MISBOUND,
          "sealed token does not open: altered, or bound to another account or platform");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
    }
  }
}
