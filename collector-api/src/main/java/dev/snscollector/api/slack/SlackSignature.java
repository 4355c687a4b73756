package dev.snscollector.api.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signing, version 0: {@code X-Slack-Signature} is {@code v0=} and the hex
 * HMAC-SHA256, keyed with the app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<the
 * raw body>}. A request is refused when either header is missing, the timestamp is more than {@link
 * #MAX_SKEW} from now (a replayed request), or the signature differs (compared in constant time).
 * The secret never appears in {@link #toString()} or in a reason.
 */
public final class SlackSignature {
  /** How far a request's timestamp may be from now: Slack's documented five minutes. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final SecretKeySpec key;

  public SlackSignature(String signingSecret) {
    if (signingSecret.isBlank()) {
      throw new IllegalArgumentException("the Slack signing secret is empty");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** {@code v0=<hex>} for a timestamp and body. */
  public String sign(String timestamp, byte[] body) {
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** Why the request is refused, or empty when it is Slack's. */
  public Optional<String> refusal(
      @Nullable String timestamp, @Nullable String signature, byte[] body, Instant now) {
    if (timestamp == null || signature == null) {
      return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("X-Slack-Request-Timestamp is not a number of seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
      return Optional.of("the request is older (or newer) than five minutes: a replay is refused");
    }
    byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given)
        ? Optional.empty()
        : Optional.of("the signature does not match the body");
  }

  @Override
  public String toString() {
    return "SlackSignature[<secret redacted>]";
  }
}
