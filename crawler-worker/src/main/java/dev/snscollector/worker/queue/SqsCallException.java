package dev.snscollector.worker.queue;

/** An SQS call did not succeed; the message stays where it was and will be seen again. */
public final class SqsCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqsCallException(String message) {
    super(message);
  }
}
