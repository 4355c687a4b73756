package dev.snscollector.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.snscollector.contracts.Violation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type URI of the problem type
 * @param title short summary of the type
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 * @param errors the failing fields, each named by a JSON pointer into the request body (or {@code
 *     query:<name>} / {@code header:<name>} for a parameter); empty when not about fields
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    List<FieldError> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
    return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
  }

  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }

  /**
   * One failing field.
   *
   * @param pointer JSON pointer of the field ({@code /jobs/3/target}); empty for the whole body
   * @param detail what was wrong there
   */
  public record FieldError(String pointer, String detail) {
    /** A contract violation, its pointer placed under {@code prefix} (e.g. {@code /jobs/3}). */
    public static FieldError of(String prefix, Violation v) {
      return new FieldError(prefix + v.field(), v.message());
    }
  }
}
