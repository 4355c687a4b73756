package dev.snscollector.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-Collector-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256 under the shared secret over {@code <t>.<body>}. The timestamp inside the signed text
 * lets the receiver refuse replays older than a few minutes.
 */
public final class WebhookSigner {
  public static final String HEADER = "X-Collector-Signature";

  private final SecretKeySpec key;

  public WebhookSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String header(long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(unixSeconds, body));
  }

  /** Whether {@code header} is this signer's signature of {@code body}; what a receiver checks. */
  public boolean verifies(String header, String body) {
    long t = -1;
    String v1 = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        try {
          t = Long.parseLong(part.substring(2));
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (part.startsWith("v1=")) {
        v1 = part.substring(3);
      }
    }
    if (t < 0 || v1 == null) {
      return false;
    }
    try {
      return MessageDigest.isEqual(mac(t, body), HexFormat.of().parseHex(v1));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] mac(long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
