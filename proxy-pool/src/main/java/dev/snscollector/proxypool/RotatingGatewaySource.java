package dev.snscollector.proxypool;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One gateway (host:port) that picks the exit IP from the user name: a sticky session gets the user
 * name from a template such as {@code user-session-{session}}, so each session keeps its own exit
 * IP; a lease without a session uses the gateway's own user name, which rotates per request.
 *
 * <p>Health and cooldowns are kept for the gateway as a whole, not per exit IP.
 */
public final class RotatingGatewaySource implements ProxySource {
  /** The placeholder in the template that the session id replaces. */
  public static final String SESSION_PLACEHOLDER = "{session}";

  private static final Pattern SAFE_SESSION = Pattern.compile("[A-Za-z0-9]{1,32}");

  private final ProxyEndpoint gateway;
  private final String usernameTemplate;

  /** Uses the template {@code <gateway user>-session-{session}}. */
  public RotatingGatewaySource(ProxyEndpoint gateway) {
    this(
        gateway,
        (gateway.username() == null ? "" : gateway.username() + "-")
            + "session-"
            + SESSION_PLACEHOLDER);
  }

  public RotatingGatewaySource(ProxyEndpoint gateway, String usernameTemplate) {
    if (gateway.isDirect()) {
      throw new IllegalArgumentException("a rotating gateway needs a proxy endpoint");
    }
    if (!usernameTemplate.contains(SESSION_PLACEHOLDER)) {
      throw new IllegalArgumentException("user name template must contain " + SESSION_PLACEHOLDER);
    }
    this.gateway = Objects.requireNonNull(gateway);
    this.usernameTemplate = usernameTemplate;
  }

  @Override
  public List<ProxyEndpoint> endpoints() {
    return List.of(gateway);
  }

  @Override
  public ProxyEndpoint bindSession(ProxyEndpoint endpoint, String sessionKey) {
    return endpoint.withUsername(
        usernameTemplate.replace(SESSION_PLACEHOLDER, sessionId(sessionKey)));
  }

  /**
   * Gateways accept only short alphanumeric session ids: a key that is one is used as is, any other
   * is replaced by a stable hash.
   */
  static String sessionId(String sessionKey) {
    if (SAFE_SESSION.matcher(sessionKey).matches()) {
      return sessionKey;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionKey.getBytes(UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
