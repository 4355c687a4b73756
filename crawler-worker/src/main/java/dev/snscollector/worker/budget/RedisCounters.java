package dev.snscollector.worker.budget;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link SharedCounters} on Redis through Lettuce ({@code REDIS_URL}: Debian's {@code redis-server}
 * locally and in tests, ElastiCache in production). Each check-and-add is one Lua script, atomic on
 * the server. Commands time out after {@link #TIMEOUT} and fail at once while the connection is
 * down ({@link Unavailable}); the client reconnects by itself, and a worker that started while
 * Redis was down tries to connect again at most every {@link #RECONNECT_EVERY}.
 */
public final class RedisCounters implements SharedCounters {
  static final Duration TIMEOUT = Duration.ofMillis(500);
  static final Duration RECONNECT_EVERY = Duration.ofSeconds(5);

  /** KEYS[1] += ARGV[1] when that stays ≤ ARGV[2]; expires at ARGV[3] (epoch ms). 1 if added. */
  private static final String TRY_ADD =
      "local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
          + "if v + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return 0 end "
          + "redis.call('INCRBY', KEYS[1], ARGV[1]) "
          + "redis.call('PEXPIREAT', KEYS[1], ARGV[3]) "
          + "return 1";

  /** KEYS[1] = max(KEYS[1], ARGV[1]); expires at ARGV[2] (epoch ms). */
  private static final String RAISE_TO =
      "local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
          + "if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end "
          + "redis.call('PEXPIREAT', KEYS[1], ARGV[2]) "
          + "return 1";

  private final RedisClient client;
  private final String where;
  private @Nullable StatefulRedisConnection<String, String> connection;
  private long lastAttemptNanos;
  private boolean attempted;

  /**
   * @param url {@code redis://host:port} or {@code rediss://…} (TLS, as ElastiCache in transit)
   */
  public RedisCounters(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(TIMEOUT);
    this.where = uri.getHost() + ":" + uri.getPort(); // never the password
    this.client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .build());
  }

  @Override
  public boolean tryAdd(String key, long units, long limit, Instant expireAt) {
    Long added =
        call(
            c ->
                c.eval(
                    TRY_ADD,
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    Long.toString(units),
                    Long.toString(limit),
                    Long.toString(expireAt.toEpochMilli())));
    return added != null && added == 1L;
  }

  @Override
  public void raiseTo(String key, long value, Instant expireAt) {
    call(
        c ->
            c.eval(
                RAISE_TO,
                ScriptOutputType.INTEGER,
                new String[] {key},
                Long.toString(value),
                Long.toString(expireAt.toEpochMilli())));
  }

  @Override
  public long get(String key) {
    String v = call(c -> c.get(key));
    return v == null ? 0 : Long.parseLong(v);
  }

  /** Runs one command; any failure of the store (down, timed out) reads as {@link Unavailable}. */
  private <T> T call(Function<RedisCommands<String, String>, T> command) {
    try {
      return command.apply(connected().sync());
    } catch (RedisException e) {
      throw new Unavailable("Redis at " + where + " did not answer: " + e.getMessage(), e);
    }
  }

  private synchronized StatefulRedisConnection<String, String> connected() {
    if (connection != null) {
      return connection;
    }
    long now = System.nanoTime();
    if (attempted && now - lastAttemptNanos < RECONNECT_EVERY.toNanos()) {
      throw new RedisException("not connected; next attempt within " + RECONNECT_EVERY);
    }
    attempted = true;
    lastAttemptNanos = now;
    StatefulRedisConnection<String, String> c = client.connect();
    c.setTimeout(TIMEOUT);
    connection = c;
    return c;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return "RedisCounters[" + where + "]";
  }
}
