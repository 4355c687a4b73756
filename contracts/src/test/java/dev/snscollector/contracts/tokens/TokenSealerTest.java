package dev.snscollector.contracts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.contracts.Platform;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSealerTest {
  private static final String TOKEN = "ya29.a0-creator-token-value";

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }

  private static KeyRing ring(String active, int... seeds) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int s : seeds) {
      keys.put("k" + s, key(s));
    }
    return new KeyRing(keys, active);
  }

  @Test
  void aSealedTokenOpensForItsAccountAndPlatformAndDoesNotShowTheToken() {
    TokenSealer sealer = new TokenSealer(ring("k1", 1));
    String sealed = sealer.seal(TOKEN, Platform.YOUTUBE, "UCaccount");

    assertThat(sealed).startsWith("v1.k1.").doesNotContain(TOKEN).doesNotContain("creator");
    assertThat(sealer.open(sealed, Platform.YOUTUBE, "UCaccount")).isEqualTo(TOKEN);
  }

  @Test
  void aTokenBoundToAnotherAccountOrPlatformIsRefused() {
    TokenSealer sealer = new TokenSealer(ring("k1", 1));
    String sealed = sealer.seal(TOKEN, Platform.YOUTUBE, "UCaccount");

    assertThatThrownBy(() -> sealer.open(sealed, Platform.YOUTUBE, "UCother"))
        .isInstanceOfSatisfying(
            TokenSealException.class,
            e -> assertThat(e.reason()).isEqualTo(TokenSealException.Reason.TAMPERED_OR_MISBOUND))
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> sealer.open(sealed, Platform.INSTAGRAM, "UCaccount"))
        .isInstanceOf(TokenSealException.class);
  }

  @Test
  void aTamperedTokenIsRefused() {
    TokenSealer sealer = new TokenSealer(ring("k1", 1));
    String sealed = sealer.seal(TOKEN, Platform.TIKTOK, "acct");
    byte[] data = Base64.getUrlDecoder().decode(sealed.substring("v1.k1.".length()));
    data[data.length - 20] ^= 1;
    String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(data);

    assertThatThrownBy(() -> sealer.open(tampered, Platform.TIKTOK, "acct"))
        .isInstanceOfSatisfying(
            TokenSealException.class,
            e -> assertThat(e.reason()).isEqualTo(TokenSealException.Reason.TAMPERED_OR_MISBOUND));
  }

  @Test
  void keysRotateWithoutDowntimeAndARetiredKeyNoLongerOpens() {
    String old = new TokenSealer(ring("k1", 1)).seal(TOKEN, Platform.YOUTUBE, "a");
    TokenSealer rotated = new TokenSealer(ring("k2", 1, 2));

    assertThat(rotated.open(old, Platform.YOUTUBE, "a")).isEqualTo(TOKEN);
    assertThat(rotated.seal(TOKEN, Platform.YOUTUBE, "a")).startsWith("v1.k2.");
    assertThatThrownBy(() -> new TokenSealer(ring("k2", 2)).open(old, Platform.YOUTUBE, "a"))
        .isInstanceOfSatisfying(
            TokenSealException.class,
            e -> assertThat(e.reason()).isEqualTo(TokenSealException.Reason.UNKNOWN_KEY));
  }

  @Test
  void theRingIsReadFromTheEnvironmentAndNeverPrintsItsKeys() {
    String b64 = Base64.getEncoder().encodeToString(key(7));
    KeyRing ring =
        KeyRing.fromEnvironment(
                Map.of("TOKEN_KEYS", "old:" + b64 + ",new:" + b64, "TOKEN_ACTIVE_KEY", "new"))
            .orElseThrow();

    assertThat(ring.activeKeyId()).isEqualTo("new");
    assertThat(ring.toString()).doesNotContain(b64);
    assertThat(KeyRing.fromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", "short:AAAA")))
        .hasMessageContaining("AES-256 needs 32");
  }
}
