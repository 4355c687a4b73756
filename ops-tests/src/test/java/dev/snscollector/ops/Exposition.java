package dev.snscollector.ops;

import java.util.Set;
import java.util.TreeSet;

/** A Prometheus text exposition ({@code /metrics}): its sample names and its metric families. */
record Exposition(String text) {
  /** The names samples carry, what PromQL selects: {@code x_total}, {@code x_seconds_bucket}... */
  Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.length();
      for (char c : new char[] {'{', ' '}) {
        int i = line.indexOf(c);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  /** The families the {@code # TYPE} lines declare, e.g. {@code x_total counter}. */
  Set<String> families() {
    Set<String> families = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
    }
    return families;
  }
}
