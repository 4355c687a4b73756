package dev.snscollector.contracts;

/**
 * One reason a document does not satisfy a contract.
 *
 * @param field JSON pointer of the offending field ({@code /options/maxItems}); empty for the root
 * @param message what was wrong there
 */
public record Violation(String field, String message) {
  @Override
  public String toString() {
    return (field.isEmpty() ? "(root)" : field) + ": " + message;
  }
}
