package dev.snscollector.worker.fetch;

import org.jspecify.annotations.Nullable;

/**
 * A fetch failed in a way that may pass: a 5xx, a reset connection, a timeout. The job is retried
 * later through the message's visibility; it is not an outcome.
 */
public final class TransientFetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final int status;

  public TransientFetchException(String url, int status, String reason, @Nullable Throwable cause) {
    super(reason + " fetching " + url, cause);
    this.url = url;
    this.status = status;
  }

  /** The URL, without keys or tokens. */
  public String url() {
    return url;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
