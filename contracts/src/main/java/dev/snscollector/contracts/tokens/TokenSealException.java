package dev.snscollector.contracts.tokens;

/**
 * A sealed token that cannot be opened: malformed, sealed under an unknown key, tampered with, or
 * bound to another account or platform. The message never contains the token.
 */
public final class TokenSealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the token was refused. */
  public enum Reason {
    MALFORMED,
    UNKNOWN_KEY,
    TAMPERED_OR_MISBOUND
  }

  private final Reason reason;

  public TokenSealException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
