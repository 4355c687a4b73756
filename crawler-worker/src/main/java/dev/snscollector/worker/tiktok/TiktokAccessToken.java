package dev.snscollector.worker.tiktok;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A creator's Display API access token, opened from its sealed form for one job. It is sent only as
 * {@code Authorization: Bearer}; {@link #toString()} never shows it, and budgets name it by {@link
 * #fingerprint()}.
 */
public record TiktokAccessToken(String value) {
  public TiktokAccessToken {
    Objects.requireNonNull(value, "value");
  }

  /** A short SHA-256 fingerprint, safe to log and to key per-token budgets on. */
  public String fingerprint() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "tt-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "TiktokAccessToken[<redacted>]";
  }
}
