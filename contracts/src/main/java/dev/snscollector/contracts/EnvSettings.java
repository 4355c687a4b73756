package dev.snscollector.contracts;

import dev.snscollector.contracts.tokens.KeyProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed settings from environment variables for the worker and the API, collecting every
 * problem so that one start names everything that is wrong ({@link #throwIfInvalid}). Values are
 * never echoed for settings that may be secret: only the variable's name and what was expected.
 * Every default a reader passed is remembered ({@link #defaults}), so a component's documented
 * defaults file can be checked against its code.
 */
public final class EnvSettings {
  private final Map<String, String> env;
  private final String component;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> defaults = new TreeMap<>();

  /**
   * @param component named in the error, e.g. {@code worker}
   */
  public EnvSettings(Map<String, String> env, String component) {
    this.env = env;
    this.component = component;
  }

  public @Nullable String optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  public String string(String name, String fallback) {
    defaults.put(name, fallback);
    String v = optional(name);
    return v == null ? fallback : v;
  }

  public String required(String name) {
    String v = optional(name);
    if (v == null) {
      problems.add(name + " is required");
      return "";
    }
    return v;
  }

  /** Every set variable named {@code name} or starting with {@code prefix}. */
  public Map<String, String> named(String name, String prefix) {
    Map<String, String> out = new HashMap<>();
    env.forEach(
        (k, v) -> {
          if ((k.equals(name) || k.startsWith(prefix)) && v != null && !v.isBlank()) {
            out.put(k, v.strip());
          }
        });
    return out;
  }

  public boolean bool(String name, boolean fallback) {
    defaults.put(name, Boolean.toString(fallback));
    String v = optional(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(name + "=" + v + " is not true or false");
        yield fallback;
      }
    };
  }

  public int integer(String name, int fallback, int min, int max) {
    defaults.put(name, Integer.toString(fallback));
    String v = optional(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        problems.add(name + "=" + v + " is outside " + min + ".." + max);
        return fallback;
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(name + "=" + v + " is not a whole number");
      return fallback;
    }
  }

  public Duration millis(String name, Duration fallback, long min, long max) {
    return Duration.ofMillis(
        integer(
            name, (int) fallback.toMillis(), (int) min, (int) Math.min(max, Integer.MAX_VALUE)));
  }

  public Duration seconds(String name, Duration fallback, long min, long max) {
    return Duration.ofSeconds(
        integer(
            name, (int) fallback.toSeconds(), (int) min, (int) Math.min(max, Integer.MAX_VALUE)));
  }

  public @Nullable URI uri(String name) {
    String v = optional(name);
    return v == null ? null : parseUri(name, v);
  }

  public URI uri(String name, String fallback) {
    defaults.put(name, fallback);
    URI uri = parseUri(name, string(name, fallback));
    return uri == null ? URI.create(fallback) : uri;
  }

  /** The token key provider the environment configures, or null when none is. */
  public @Nullable KeyProvider keyProvider(Clock clock) {
    try {
      return KeyProvider.fromEnvironment(env, clock).orElse(null);
    } catch (RuntimeException e) {
      problems.add("token keys: " + e.getMessage());
      return null;
    }
  }

  /**
   * The default of every setting read so far that has one, by variable name, as the variable would
   * be written ({@code 60} for a duration read in seconds).
   */
  public Map<String, String> defaults() {
    return Collections.unmodifiableMap(defaults);
  }

  /** Adds a problem found by the caller. */
  public void problem(String message) {
    problems.add(message);
  }

  /**
   * @throws IllegalArgumentException naming every problem found so far
   */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "bad " + component + " configuration: " + String.join("; ", problems));
    }
  }

  private @Nullable URI parseUri(String name, String v) {
    try {
      URI uri = new URI(v);
      if (uri.getScheme() == null || uri.getHost() == null) {
        problems.add(name + " is not an absolute URL");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(name + " is not a URL: " + e.getReason());
      return null;
    }
  }
}
