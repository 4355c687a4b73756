package dev.snscollector.contracts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.contracts.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys rotate through the mounted key file without a restart. */
class FileKeyProviderTest {
  private static final class Movable extends Clock {
    Instant now = Instant.parse("2026-11-22T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static String key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void aRotationInTheFileIsPickedUpAndOldTokensStillOpen(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token-keys");
    Files.writeString(file, "k1=" + key(1) + "\n");
    Movable clock = new Movable();
    FileKeyProvider keys = new FileKeyProvider(file, null, clock, Duration.ofSeconds(30));
    TokenSealer sealer = new TokenSealer(keys);
    String old = sealer.seal("tok-1", Platform.INSTAGRAM, "1784");
    assertThat(old).startsWith("v1.k1.");

    // Rotate: the new key first (active), the old one kept to open what it sealed.
    Files.writeString(file, "k2=" + key(2) + "\nk1=" + key(1) + "\n");
    Files.setLastModifiedTime(file, FileTime.from(clock.now.plusSeconds(5)));
    assertThat(sealer.seal("tok-2", Platform.INSTAGRAM, "1784"))
        .as("within the check interval the old ring is still used")
        .startsWith("v1.k1.");
    clock.now = clock.now.plusSeconds(31);
    String fresh = sealer.seal("tok-2", Platform.INSTAGRAM, "1784");
    assertThat(fresh).startsWith("v1.k2.");
    assertThat(sealer.open(old, Platform.INSTAGRAM, "1784")).isEqualTo("tok-1");
    assertThat(sealer.open(fresh, Platform.INSTAGRAM, "1784")).isEqualTo("tok-2");
  }

  @Test
  void aBrokenFileKeepsTheLastGoodRing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token-keys");
    Files.writeString(file, "k1=" + key(1) + "\n");
    Movable clock = new Movable();
    FileKeyProvider keys = new FileKeyProvider(file, null, clock, Duration.ofSeconds(1));
    Files.writeString(file, "k1=not base64!\n");
    Files.setLastModifiedTime(file, FileTime.from(clock.now.plusSeconds(5)));
    clock.now = clock.now.plusSeconds(2);
    assertThat(keys.current().activeKeyId()).isEqualTo("k1");
    assertThat(new TokenSealer(keys).seal("t", Platform.TIKTOK, "a")).startsWith("v1.k1.");
  }

  @Test
  void aMissingFileAtStartIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(
            () -> new FileKeyProvider(dir.resolve("absent"), null, new Movable(), Duration.ZERO))
        .hasMessageContaining("TOKEN_KEYS_FILE");
  }

  @Test
  void aFileWithoutKeysIsAClearErrorNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token-keys");
    Files.writeString(file, "# rotated out\n\n");
    assertThatThrownBy(() -> new FileKeyProvider(file, null, new Movable(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOKEN_KEYS_FILE")
        .hasMessageContaining("holds no key");
  }
}
