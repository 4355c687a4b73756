package dev.snscollector.worker.youtube;

/**
 * How a Data API request authenticates: the app's API key (public data) or the creator's OAuth
 * access token. Neither value ever appears in {@link #toString()}, a log line or a capture.
 */
public sealed interface YoutubeCredential {
  /** The app's API key, sent as the {@code key} query parameter. */
  record ApiKey(String value) implements YoutubeCredential {
    @Override
    public String toString() {
      return "ApiKey[<redacted>]";
    }
  }

  /** The creator's OAuth access token, sent as {@code Authorization: Bearer}. */
  record OAuthToken(String value) implements YoutubeCredential {
    @Override
    public String toString() {
      return "OAuthToken[<redacted>]";
    }
  }

  /** No credential: the request will be refused by the real API, but a local origin answers. */
  record None() implements YoutubeCredential {}
}
