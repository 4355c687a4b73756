package dev.snscollector.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} as a child process on a free port of 127.0.0.1, without
 * persistence: the shared budgets of a local fleet, and of the tests that check them. Production
 * uses ElastiCache through the same {@code REDIS_URL}.
 */
public final class LocalRedis implements AutoCloseable {
  /** Where Debian's package puts the server; {@code REDIS_SERVER} overrides it. */
  public static final String DEFAULT_EXECUTABLE = "/usr/bin/redis-server";

  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Whether a redis-server executable is present here. */
  public static boolean available() {
    return Files.isExecutable(executable());
  }

  private static Path executable() {
    String configured = System.getenv("REDIS_SERVER");
    return Path.of(configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : configured);
  }

  /** Starts a server and waits until it answers PING. */
  public static LocalRedis start() {
    Path exe = executable();
    if (!Files.isExecutable(exe)) {
      throw new LocalStackException(
          "redis", null, "no redis-server at " + exe + ": install Debian's redis-server", null);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new LocalStackException("redis", null, "no free port", e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      exe.toString(),
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no",
                      "--daemonize",
                      "no"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new LocalStackException("redis", null, "could not start " + exe, e);
    }
    LocalRedis redis = new LocalRedis(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!redis.answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new LocalStackException(
            "redis", redis.url(), "redis-server did not answer PING within 10 s", null);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        redis.close();
        throw new LocalStackException("redis", redis.url(), "interrupted while starting", e);
      }
    }
    return redis;
  }

  /** {@code redis://127.0.0.1:<port>}, what {@code REDIS_URL} takes. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Whether the server answers PING now (inline protocol, one short connection). */
  public boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] reply = new byte[7];
      int n = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Its data is gone: nothing persists. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
