package dev.snscollector.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Strings, label matchers, range and subquery
 * brackets, offsets and the label lists of {@code by}, {@code without}, {@code on}, {@code
 * ignoring} and {@code group_left/right} are removed first; what then remains as an identifier that
 * is not a keyword and is not called like a function is a metric name.
 */
final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "inf",
          "nan",
          "atan2");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String s = expr;
    s = s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    s = s.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^\\]]*\\]", " ");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    s = s.replaceAll("\\boffset\\s+-?\\w+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      char before = m.start() == 0 ? ' ' : s.charAt(m.start() - 1);
      if (Character.isDigit(before) || before == '.' || before == '$') {
        continue; // 1e3, 0.5e-3, Grafana's $variables
      }
      if (KEYWORDS.contains(word) || s.substring(m.end()).stripLeading().startsWith("(")) {
        continue;
      }
      names.add(word);
    }
    return names;
  }
}
