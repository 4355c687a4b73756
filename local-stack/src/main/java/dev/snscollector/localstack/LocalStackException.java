package dev.snscollector.localstack;

import org.jspecify.annotations.Nullable;

/** An embedded server failed to start, to configure itself, or to stop. */
public final class LocalStackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String component;
  private final @Nullable String endpoint;

  /**
   * @param component which stand-in failed: {@code "sqs"} or {@code "s3"}
   * @param endpoint its endpoint, when it got that far
   */
  public LocalStackException(
      String component, @Nullable String endpoint, String message, @Nullable Throwable cause) {
    super(component + (endpoint == null ? "" : " at " + endpoint) + ": " + message, cause);
    this.component = component;
    this.endpoint = endpoint;
  }

  /** {@code "sqs"} or {@code "s3"}. */
  public String component() {
    return component;
  }

  /** The endpoint of the failing server, or null when it never bound a port. */
  public @Nullable String endpoint() {
    return endpoint;
  }
}
