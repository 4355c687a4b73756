package dev.snscollector.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The JVM's host name resolver in the launcher's tests (registered in {@code META-INF/services}):
 * the JDK's own, recording every name looked up, so a test can tell that nothing outside this
 * machine was asked for. Reaching a platform means resolving its host first.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {
  /** Every host name looked up in this JVM, lower case. */
  static final Set<String> LOOKED_UP = ConcurrentHashMap.newKeySet();

  /** Whether the JVM took this provider (it asks once, at its first lookup). */
  static final AtomicBoolean INSTALLED = new AtomicBoolean();

  @Override
  public InetAddressResolver get(Configuration configuration) {
    INSTALLED.set(true);
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        LOOKED_UP.add(host.toLowerCase(Locale.ROOT));
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "recording";
  }
}
