package dev.snscollector.launcher.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that is about to be logged. The code never logs a token on purpose; this is
 * the net under it for what slips through in a URL, a header dump or a third-party exception
 * message. It errs on the side of masking: a harmless value that looks like a secret is masked too.
 *
 * <p>What it recognizes: {@code Bearer} credentials; {@code name=value} and {@code "name":"value"}
 * pairs whose name ends in token, key, secret, password, signature or credential (query strings,
 * form bodies, environment dumps, JSON); {@code Authorization}, {@code Cookie} and API-key headers;
 * Google API keys and AWS access key ids wherever they appear.
 */
public final class Redactor {
  /** What a masked value becomes. */
  public static final String MASK = "<redacted>";

  private static final String SECRET_NAME =
      "[A-Za-z0-9_.-]*?(?:token|key|keys|secret|password|passwd|pwd|signature|credential|sig)";

  private static final List<Rule> RULES =
      List.of(
          // Authorization: Bearer x / Cookie: a=b; c=d / X-Goog-Api-Key: x (to the end of the line)
          new Rule(
              "(?i)\\b(authorization|proxy-authorization|cookie|set-cookie|x-goog-api-key|x-api-key)"
                  + "(\\s*[:=]\\s*)[^\\r\\n]+",
              "$1$2" + MASK),
          new Rule("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{4,}", "$1 " + MASK),
          // "access_token": "x" in JSON
          new Rule(
              "(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
              "$1\"" + MASK + "\""),
          // access_token=x in query strings, forms and environment dumps
          new Rule("(?i)(?<![A-Za-z0-9])(" + SECRET_NAME + ")=[^&\\s\"',;)\\]}]+", "$1=" + MASK),
          new Rule("\\bAIza[0-9A-Za-z_-]{35}\\b", MASK),
          new Rule("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", MASK));

  private Redactor() {}

  /** The text with every recognized secret replaced by {@link #MASK}. */
  public static String redact(String text) {
    String out = text;
    for (Rule rule : RULES) {
      out = rule.apply(out);
    }
    return out;
  }

  private record Rule(Pattern pattern, String replacement) {
    Rule(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }

    String apply(String text) {
      Matcher m = pattern.matcher(text);
      return m.find() ? m.replaceAll(replacement) : text;
    }
  }
}
