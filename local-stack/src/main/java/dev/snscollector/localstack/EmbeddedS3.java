package dev.snscollector.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy's S3 server, in this JVM, on 127.0.0.1, with its buckets already created.
 *
 * <p>Clients must use path-style addressing ({@code forcePathStyle(true)}) and sign with {@link
 * LocalCredentials#DUMMY}; any region works (use {@code us-east-1}). Storage is either in memory
 * ({@code transient-nio2}, gone on {@link #close()}) or a directory ({@code filesystem-nio2}),
 * where each object is a plain file {@code <dir>/<bucket>/<key>} a user can open; its metadata
 * (Content-Type, Content-Encoding, user metadata) lives in the file's user extended attributes and
 * is lost on a file system without them.
 *
 * <p>Not supported by S3Proxy: GetObject by part number (multipart GET). The async (CRT or Netty)
 * multipart upload works because unknown headers are ignored.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  // The 200-parallel-put test needs more than Jetty's usual handful; threads are idle-reaped.
  private static final int JETTY_MAX_THREADS = 256;
  /*
   * No graceful phase: Jetty's waits for every open connection to close, so an SDK client's idle
   * keep-alive connections held each close() for ~2 s, and any grace shorter than that made stop()
   * throw a TimeoutException. Requests still in flight at close() are the caller's bug anyway.
   */
  private static final Duration STOP_GRACE = Duration.ZERO;

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final URI endpoint;
  private final @Nullable Path dataDirectory;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedS3(
      S3Proxy proxy,
      BlobStore blobStore,
      URI endpoint,
      @Nullable Path dataDirectory,
      Duration startupTime) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.endpoint = endpoint;
    this.dataDirectory = dataDirectory;
    this.startupTime = startupTime;
  }

  /**
   * Starts the server and creates the buckets that do not exist yet.
   *
   * @param port the port to listen on, or 0 for an ephemeral one
   * @param dataDirectory where to keep objects (created if missing, reused across runs), or null to
   *     keep them in memory
   * @param buckets bucket names to create
   * @throws LocalStackException if the port is taken, the directory is unusable or a bucket cannot
   *     be created; nothing is left running
   */
  public static EmbeddedS3 start(int port, @Nullable Path dataDirectory, List<String> buckets) {
    return start(port, dataDirectory, buckets, true);
  }

  /**
   * Starts the server as {@link #start(int, Path, List)} does; with {@code checksSignatures} false
   * it takes every request without checking its signature or payload hash. That check reads each
   * upload into memory and hashes it, which AWS does on its own machines: a benchmark that runs S3
   * on the machine it measures turns it off. Clients sign as always.
   */
  public static EmbeddedS3 start(
      int port, @Nullable Path dataDirectory, List<String> buckets, boolean checksSignatures) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
    }
    buckets.forEach(b -> Objects.requireNonNull(b, "bucket"));
    QuietLogging.apply();
    long started = System.nanoTime();
    BlobStore store = blobStore(dataDirectory);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://" + HOST + ":" + port))
            .awsAuthentication(
                checksSignatures ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE,
                LocalCredentials.DUMMY.accessKeyId(),
                LocalCredentials.DUMMY.secretAccessKey())
            // The SDK's async multipart upload sends headers S3Proxy does not know.
            .ignoreUnknownHeaders(true)
            .jettyMaxThreads(JETTY_MAX_THREADS)
            .stopTimeout(STOP_GRACE.toMillis())
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
      URI endpoint = URI.create("http://" + HOST + ":" + proxy.getPort());
      for (String bucket : buckets) {
        if (!store.containerExists(bucket)) {
          store.createContainer(bucket);
        }
      }
      Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
      LOG.info(
          "Embedded S3 (S3Proxy, {}{}) at {} with buckets {} started in {} ms",
          dataDirectory == null ? "in memory" : dataDirectory,
          checksSignatures ? "" : ", signatures not checked",
          endpoint,
          buckets,
          startupTime.toMillis());
      return new EmbeddedS3(proxy, store, endpoint, dataDirectory, startupTime);
    } catch (Exception e) {
      try {
        stop(proxy, store);
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (e instanceof LocalStackException lse) {
        throw lse;
      }
      throw new LocalStackException(
          "s3", HOST + ":" + port, "could not start S3Proxy: " + e.getMessage(), e);
    }
  }

  private static BlobStore blobStore(@Nullable Path dataDirectory) {
    if (dataDirectory == null) {
      return new TransientNio2BlobStore();
    }
    try {
      Path dir = Files.createDirectories(dataDirectory).toAbsolutePath();
      return new FilesystemNio2BlobStore(dir.toString());
    } catch (IOException e) {
      throw new LocalStackException(
          "s3", null, "cannot use data directory " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline || "FAILED".equals(proxy.getState())) {
        throw new LocalStackException(
            "s3", null, "S3Proxy did not start, state " + proxy.getState(), null);
      }
      Thread.sleep(5);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override for the SDK's S3 client. */
  public URI endpoint() {
    return endpoint;
  }

  /** The directory objects are kept in, or empty when they are kept in memory. */
  public Optional<Path> dataDirectory() {
    return Optional.ofNullable(dataDirectory);
  }

  /** From the call to {@link #start} until the last bucket existed. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops Jetty (its threads end) and releases the store; in-memory objects are gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long stopping = System.nanoTime();
    stop(proxy, blobStore);
    LOG.info(
        "Embedded S3 at {} stopped in {} ms",
        endpoint,
        Duration.ofNanos(System.nanoTime() - stopping).toMillis());
  }

  private static void stop(S3Proxy proxy, BlobStore store) {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new LocalStackException("s3", null, "S3Proxy did not stop cleanly", e);
    } finally {
      store.close();
    }
  }
}
