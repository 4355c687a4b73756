package dev.snscollector.worker.youtube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a Data API request authenticates: the app's API key (public data) or the creator's OAuth
 * access token. Neither value ever appears in {@link #toString()}, a log line or a capture.
 */
public sealed interface YoutubeCredential {
  /**
   * The quota project the credential draws on, safe to log: a fingerprint of the API key, or the
   * app's OAuth client for creators' tokens (all of them share its quota).
   */
  String projectId();

  /** The app's API key, sent as the {@code key} query parameter. */
  record ApiKey(String value) implements YoutubeCredential {
    @Override
    public String projectId() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return "key-" + HexFormat.of().formatHex(digest, 0, 6);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }

    @Override
    public String toString() {
      return "ApiKey[<redacted>]";
    }
  }

  /** The creator's OAuth access token, sent as {@code Authorization: Bearer}. */
  record OAuthToken(String value) implements YoutubeCredential {
    @Override
    public String projectId() {
      return "oauth-client";
    }

    @Override
    public String toString() {
      return "OAuthToken[<redacted>]";
    }
  }

  /** No credential: the request will be refused by the real API, but a local origin answers. */
  record None() implements YoutubeCredential {
    @Override
    public String projectId() {
      return "anonymous";
    }
  }
}
