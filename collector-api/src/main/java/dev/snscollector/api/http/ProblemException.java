package dev.snscollector.api.http;

import java.util.List;

/**
 * Ends a request with a problem document. Thrown by handlers for anything the caller got wrong or
 * the service cannot do; the message is the problem's detail and never contains secrets.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of());
  }

  public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.problem = Problem.of(type, detail, errors);
  }

  /** A problem about one field. */
  public static ProblemException field(ProblemType type, String pointer, String detail) {
    return new ProblemException(type, detail, List.of(new Problem.FieldError(pointer, detail)));
  }

  public Problem problem() {
    return problem;
  }
}
