package dev.snscollector.worker.crawl;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * SOCKS5 proxy credentials. The JDK's SOCKS client, which OkHttp uses for SOCKS proxies, asks the
 * process-wide {@link Authenticator} for them; this one answers only SOCKS requests for the proxies
 * registered here, so it never hands a proxy password to anything else.
 */
final class SocksCredentials extends Authenticator {
  private static final SocksCredentials INSTANCE = new SocksCredentials();
  private static volatile boolean installed;

  private final Map<String, PasswordAuthentication> byProxy = new ConcurrentHashMap<>();

  private SocksCredentials() {}

  static void register(String host, int port, String username, String password) {
    INSTANCE.byProxy.put(
        key(host, port), new PasswordAuthentication(username, password.toCharArray()));
    if (!installed) {
      synchronized (SocksCredentials.class) {
        if (!installed) {
          Authenticator.setDefault(INSTANCE);
          installed = true;
        }
      }
    }
  }

  @Override
  protected @Nullable PasswordAuthentication getPasswordAuthentication() {
    String protocol = getRequestingProtocol();
    if (protocol == null || !protocol.toUpperCase(Locale.ROOT).startsWith("SOCKS")) {
      return null;
    }
    String host = getRequestingHost();
    return host == null ? null : byProxy.get(key(host, getRequestingPort()));
  }

  private static String key(String host, int port) {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
