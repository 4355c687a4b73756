package dev.snscollector.ops;

import dev.snscollector.contracts.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Dockerfile read the way {@code docker build} reads it, for what the tests check: comments and
 * parser directives dropped, backslash continuations joined, each instruction split into its
 * keyword, its {@code --flags} and its arguments. Heredocs and a changed escape character are not
 * supported and are refused, as is an unknown instruction, with the line number.
 */
record Dockerfile(Path path, List<Dockerfile.Instruction> instructions) {
  /** The PATH the Debian and Ubuntu base images set. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static final Set<String> KEYWORDS =
      Set.of(
          "FROM",
          "RUN",
          "CMD",
          "LABEL",
          "EXPOSE",
          "ENV",
          "ADD",
          "COPY",
          "ENTRYPOINT",
          "VOLUME",
          "USER",
          "WORKDIR",
          "ARG",
          "ONBUILD",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "SHELL",
          "MAINTAINER");

  /** One instruction; {@code line} is where it starts. */
  record Instruction(int line, String keyword, Map<String, String> flags, String arguments) {
    /** The arguments of the exec (JSON array) form. */
    List<String> execForm() {
      JsonNode node;
      try {
        node = arguments.startsWith("[") ? Json.MAPPER.readTree(arguments) : null;
      } catch (JacksonException e) {
        node = null;
      }
      if (node == null || !node.isArray()) {
        throw new IllegalArgumentException(
            "line " + line + ": " + keyword + " is not in exec form: " + arguments);
      }
      List<String> words = new ArrayList<>();
      node.forEach(n -> words.add(n.asString()));
      return words;
    }

    /** The arguments split on whitespace, double quotes kept together and removed. */
    List<String> words() {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      boolean inWord = false;
      for (int i = 0; i < arguments.length(); i++) {
        char c = arguments.charAt(i);
        if (c == '"') {
          quoted = !quoted;
          inWord = true;
        } else if (Character.isWhitespace(c) && !quoted) {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
        } else {
          word.append(c);
          inWord = true;
        }
      }
      if (inWord) {
        words.add(word.toString());
      }
      return words;
    }

    /** {@code ENV K=V K2="v 2"}: the pairs in order. */
    Map<String, String> envPairs() {
      Map<String, String> pairs = new LinkedHashMap<>();
      List<String> words = words();
      if (words.size() == 2 && !words.getFirst().contains("=")) {
        pairs.put(words.get(0), words.get(1)); // legacy ENV K V
        return pairs;
      }
      for (String w : words) {
        int eq = w.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("line " + line + ": ENV entry without '=': " + w);
        }
        pairs.put(w.substring(0, eq), w.substring(eq + 1));
      }
      return pairs;
    }
  }

  /** A build stage: from {@code FROM image [AS name]} to the next FROM. */
  record Stage(String image, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> found = all(keyword);
      if (found.isEmpty()) {
        throw new AssertionError("stage " + name + " has no " + keyword);
      }
      return found.getLast();
    }

    /**
     * Every ENV of the stage, later ones overriding earlier ones, with {@code ${VAR}} and {@code
     * $VAR} expanded as docker does: from the ENV before, else from {@code base} (what the base
     * image sets), else empty.
     */
    Map<String, String> env(Map<String, String> base) {
      Map<String, String> known = new LinkedHashMap<>(base);
      Map<String, String> env = new LinkedHashMap<>();
      for (Instruction i : all("ENV")) {
        Map<String, String> before = Map.copyOf(known);
        i.envPairs()
            .forEach(
                (k, v) -> {
                  String value = expand(v, before);
                  env.put(k, value);
                  known.put(k, value);
                });
      }
      return env;
    }

    /** {@link #env(Map)} over the default PATH of the Debian and Ubuntu base images. */
    Map<String, String> env() {
      return env(Map.of("PATH", DEFAULT_PATH));
    }

    private static String expand(String value, Map<String, String> known) {
      Matcher m = VARIABLE.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        m.appendReplacement(out, Matcher.quoteReplacement(known.getOrDefault(name, "")));
      }
      m.appendTail(out);
      return out.toString();
    }
  }

  static Dockerfile parse(Path path) {
    List<Instruction> instructions = new ArrayList<>();
    String[] lines = Repo.read(path).split("\n", -1);
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      String trimmed = line.strip();
      if (trimmed.startsWith("#") && trimmed.toLowerCase(Locale.ROOT).startsWith("# escape=")) {
        throw new IllegalArgumentException(path + ":" + (i + 1) + ": escape directive unsupported");
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue; // comments go even inside a continuation, as docker drops them
      }
      if (logical.isEmpty()) {
        start = i + 1;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      instructions.add(instruction(path, start, logical.toString().strip()));
      logical.setLength(0);
    }
    if (!logical.isEmpty()) {
      throw new IllegalArgumentException(path + ":" + start + ": continuation at end of file");
    }
    return new Dockerfile(path, List.copyOf(instructions));
  }

  private static Instruction instruction(Path path, int line, String text) {
    String[] split = text.split("\\s+", 2);
    String keyword = split[0].toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(keyword)) {
      throw new IllegalArgumentException(path + ":" + line + ": unknown instruction " + split[0]);
    }
    String rest = split.length > 1 ? split[1].strip() : "";
    if (rest.contains("<<") && (keyword.equals("RUN") || keyword.equals("COPY"))) {
      throw new IllegalArgumentException(path + ":" + line + ": heredocs are not supported");
    }
    Map<String, String> flags = new LinkedHashMap<>();
    while (rest.startsWith("--")) {
      String[] flagAndRest = rest.split("\\s+", 2);
      String flag = flagAndRest[0].substring(2);
      int eq = flag.indexOf('=');
      flags.put(eq < 0 ? flag : flag.substring(0, eq), eq < 0 ? "true" : flag.substring(eq + 1));
      rest = flagAndRest.length > 1 ? flagAndRest[1].strip() : "";
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(path + ":" + line + ": " + keyword + " has no arguments");
    }
    return new Instruction(line, keyword, Map.copyOf(flags), rest);
  }

  List<Stage> stages() {
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    String image = null;
    String name = null;
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        if (current != null) {
          stages.add(new Stage(image, name, List.copyOf(current)));
        }
        List<String> words = i.words();
        image = words.getFirst();
        name =
            words.size() == 3 && words.get(1).equalsIgnoreCase("AS")
                ? words.get(2)
                : Integer.toString(stages.size());
        current = new ArrayList<>();
      } else if (current == null) {
        if (!i.keyword().equals("ARG")) {
          throw new IllegalArgumentException(
              path + ":" + i.line() + ": " + i.keyword() + " before the first FROM");
        }
      } else {
        current.add(i);
      }
    }
    if (current == null) {
      throw new IllegalArgumentException(path + ": no FROM");
    }
    stages.add(new Stage(image, name, List.copyOf(current)));
    return stages;
  }

  Stage finalStage() {
    return stages().getLast();
  }
}
