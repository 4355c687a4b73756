package dev.snscollector.proxypool;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One proxy (or the direct "no proxy" route): scheme, host, port and optional credentials.
 *
 * <p>{@link #toString()} and {@link #id()} never contain the password, so an endpoint may be
 * logged.
 */
public record ProxyEndpoint(
    Scheme scheme, String host, int port, @Nullable String username, @Nullable String password) {

  /** How the client talks to the proxy. {@code DIRECT} means no proxy at all. */
  public enum Scheme {
    HTTP,
    SOCKS5,
    DIRECT
  }

  private static final ProxyEndpoint DIRECT_ENDPOINT =
      new ProxyEndpoint(Scheme.DIRECT, "direct", 0, null, null);

  public ProxyEndpoint {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (scheme != Scheme.DIRECT && (host.isBlank() || port < 1 || port > 65535)) {
      throw new IllegalArgumentException("proxy needs a host and a port in 1..65535");
    }
  }

  /** The direct route, used in DIRECT mode when no proxies are configured. */
  public static ProxyEndpoint direct() {
    return DIRECT_ENDPOINT;
  }

  public static ProxyEndpoint http(String host, int port) {
    return new ProxyEndpoint(Scheme.HTTP, host, port, null, null);
  }

  /**
   * Parses {@code http://[user:pass@]host:port} or {@code socks5://...}; user info may be
   * percent-encoded.
   *
   * @throws IllegalArgumentException if the text is not such a URI; the message never repeats the
   *     input, which may hold a password
   */
  public static ProxyEndpoint parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a proxy URI (expected scheme://[user:pass@]host:port)");
    }
    String scheme = parsed.getScheme();
    String host = parsed.getHost();
    if (scheme == null || host == null || parsed.getPort() < 0) {
      throw new IllegalArgumentException(
          "not a proxy URI (expected scheme://[user:pass@]host:port)");
    }
    Scheme kind =
        switch (scheme.toLowerCase(Locale.ROOT)) {
          case "http" -> Scheme.HTTP;
          case "socks5" -> Scheme.SOCKS5;
          default -> throw new IllegalArgumentException("proxy scheme must be http or socks5");
        };
    String user = null;
    String pass = null;
    String userInfo = parsed.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      pass = colon < 0 ? null : userInfo.substring(colon + 1);
    }
    return new ProxyEndpoint(kind, host, parsed.getPort(), user, pass);
  }

  public boolean isDirect() {
    return scheme == Scheme.DIRECT;
  }

  /** A copy with another user name (rotating gateways put the session id there). */
  public ProxyEndpoint withUsername(String newUsername) {
    return new ProxyEndpoint(scheme, host, port, newUsername, password);
  }

  /**
   * A stable id: scheme, user name, host and port, without the password. Health and cooldowns are
   * kept per id.
   */
  public String id() {
    if (isDirect()) {
      return "direct";
    }
    String user = username == null ? "" : username + "@";
    return scheme.name().toLowerCase(Locale.ROOT) + "://" + user + host + ":" + port;
  }

  @Override
  public String toString() {
    if (isDirect()) {
      return "direct";
    }
    String user = username == null ? "" : username + (password == null ? "" : ":***") + "@";
    return scheme.name().toLowerCase(Locale.ROOT) + "://" + user + host + ":" + port;
  }
}
