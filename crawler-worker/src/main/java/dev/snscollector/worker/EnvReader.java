package dev.snscollector.worker;

import dev.snscollector.contracts.tokens.KeyProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads typed settings from environment variables, collecting every problem before failing. */
final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  @Nullable String optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  String string(String name, String fallback) {
    String v = optional(name);
    return v == null ? fallback : v;
  }

  String required(String name) {
    String v = optional(name);
    if (v == null) {
      problems.add(name + " is required");
      return "";
    }
    return v;
  }

  /** Every set variable named {@code name} or starting with {@code prefix}. */
  Map<String, String> named(String name, String prefix) {
    Map<String, String> out = new java.util.HashMap<>();
    env.forEach(
        (k, v) -> {
          if ((k.equals(name) || k.startsWith(prefix)) && v != null && !v.isBlank()) {
            out.put(k, v.strip());
          }
        });
    return out;
  }

  boolean bool(String name, boolean fallback) {
    String v = optional(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(name + "=" + v + " is not true or false");
        yield fallback;
      }
    };
  }

  int integer(String name, int fallback, int min, int max) {
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

  @Nullable URI uri(String name) {
    String v = optional(name);
    if (v == null) {
      return null;
    }
    try {
      URI uri = new URI(v);
      if (uri.getScheme() == null || uri.getHost() == null) {
        problems.add(name + "=" + v + " is not an absolute http(s) URL");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(name + "=" + v + " is not a URL: " + e.getReason());
      return null;
    }
  }

  @Nullable KeyProvider keyProvider() {
    try {
      return KeyProvider.fromEnvironment(env, Clock.systemUTC()).orElse(null);
    } catch (RuntimeException e) {
      problems.add("token keys: " + e.getMessage());
      return null;
    }
  }

  void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "bad worker configuration: " + String.join("; ", problems));
    }
  }
}
