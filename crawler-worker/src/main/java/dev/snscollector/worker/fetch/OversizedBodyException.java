package dev.snscollector.worker.fetch;

/**
 * A response whose body is over the per-page cap: not read, so a runaway response never takes the
 * heap. Final for the route that fetched it (retrying brings the same page); the job moves on to
 * its next route, or ends {@code blocked} with this message.
 */
public final class OversizedBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final long bytes;
  private final long cap;

  /**
   * @param url the request URL without credentials
   * @param bytes the body's size, or -1 when it came without a length and passed the cap
   * @param cap the per-page cap
   */
  public OversizedBodyException(String url, long bytes, long cap) {
    super(
        "response body "
            + (bytes < 0 ? "over" : "of " + bytes + " bytes, over")
            + " the per-page cap of "
            + cap
            + " bytes, not read: "
            + url);
    this.url = url;
    this.bytes = bytes;
    this.cap = cap;
  }

  public String url() {
    return url;
  }

  public long bytes() {
    return bytes;
  }

  public long cap() {
    return cap;
  }
}
