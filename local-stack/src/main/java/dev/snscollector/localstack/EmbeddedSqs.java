package dev.snscollector.localstack;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElasticMQ's SQS server, in this JVM, on 127.0.0.1, with its queues already created.
 *
 * <p>Speaks the SQS JSON and query protocols; redrive to a dead-letter queue, visibility timeouts
 * and long polling behave as on SQS. Messages live in memory only and vanish on {@link #close()}.
 * Queue ARNs have the region {@code elasticmq} and the account {@code 000000000000}; clients may
 * use any region and any credentials.
 *
 * <p>Runs on its own Pekko actor system with daemon threads, which {@link #close()} terminates.
 */
public final class EmbeddedSqs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /*
   * ElasticMQ's jar ships an application.conf that sets pekko.loglevel = DEBUG; these settings
   * override it. jvm-exit-on-fatal-error: an embedded server must never System.exit() its host.
   */
  private static final String PEKKO_OVERRIDES =
      """
      pekko.loglevel = "WARNING"
      pekko.stdout-loglevel = "OFF"
      pekko.log-dead-letters = off
      pekko.log-dead-letters-during-shutdown = off
      pekko.daemonic = on
      pekko.jvm-exit-on-fatal-error = off
      pekko.jvm-shutdown-hooks = off
      pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
      """;

  private final ActorSystem actorSystem;
  private final SQSRestServer server;
  private final URI endpoint;
  private final Map<String, String> queueUrls;
  private final Map<String, String> queueArns;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedSqs(
      ActorSystem actorSystem,
      SQSRestServer server,
      URI endpoint,
      Map<String, String> queueUrls,
      Map<String, String> queueArns,
      Duration startupTime) {
    this.actorSystem = actorSystem;
    this.server = server;
    this.endpoint = endpoint;
    this.queueUrls = queueUrls;
    this.queueArns = queueArns;
    this.startupTime = startupTime;
  }

  /**
   * Starts the server and creates the queues. Dead-letter queues named by other specs are created
   * first, whatever their order in {@code queues}.
   *
   * @param port the port to listen on, or 0 for an ephemeral one
   * @throws IllegalArgumentException if queue names repeat or a dead-letter queue is not in {@code
   *     queues}
   * @throws LocalStackException if the port is taken or a queue cannot be created; nothing is left
   *     running
   */
  public static EmbeddedSqs start(int port, List<SqsQueueSpec> queues) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
    }
    List<SqsQueueSpec> ordered = creationOrder(queues);
    QuietLogging.apply();
    long started = System.nanoTime();
    ActorSystem system = ActorSystem.create("elasticmq-" + INSTANCES.incrementAndGet(), config());
    SQSRestServer server = null;
    try {
      server =
          SQSRestServerBuilder.withActorSystem(system)
              .withInterface(HOST)
              .withPort(port)
              .withAWSRegion("elasticmq")
              .start();
      InetSocketAddress bound = server.waitUntilStarted().localAddress();
      URI endpoint = URI.create("http://" + HOST + ":" + bound.getPort());
      Map<String, String> urls = new LinkedHashMap<>();
      Map<String, String> arns = new LinkedHashMap<>();
      try (SqsQueryClient client = new SqsQueryClient(endpoint)) {
        for (SqsQueueSpec spec : ordered) {
          Map<String, String> attributes = new LinkedHashMap<>();
          attributes.put("VisibilityTimeout", Long.toString(spec.visibilityTimeout().toSeconds()));
          String dlq = spec.deadLetterQueue();
          if (dlq != null) {
            attributes.put(
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\""
                    + lookup(arns, dlq)
                    + "\",\"maxReceiveCount\":\""
                    + spec.maxReceiveCount()
                    + "\"}");
          }
          String url = client.createQueue(spec.name(), attributes);
          urls.put(spec.name(), url);
          arns.put(spec.name(), client.queueAttribute(url, "QueueArn"));
        }
      }
      Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
      LOG.info(
          "Embedded SQS (ElasticMQ) at {} with queues {} started in {} ms",
          endpoint,
          urls.keySet(),
          startupTime.toMillis());
      return new EmbeddedSqs(
          system,
          server,
          endpoint,
          Collections.unmodifiableMap(urls),
          Collections.unmodifiableMap(arns),
          startupTime);
    } catch (Exception e) {
      // Scala code throws checked exceptions undeclared: a taken port surfaces as BindException.
      try {
        stop(system, null); // never bound, or bound but unusable: unbinding would only rethrow
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      if (e instanceof LocalStackException lse) {
        throw lse;
      }
      throw new LocalStackException(
          "sqs", HOST + ":" + port, "could not start ElasticMQ: " + e.getMessage(), e);
    }
  }

  private static Config config() {
    ClassLoader loader = EmbeddedSqs.class.getClassLoader();
    return ConfigFactory.parseString(PEKKO_OVERRIDES).withFallback(ConfigFactory.load(loader));
  }

  /** Dead-letter targets before the queues that redrive into them; validates the references. */
  private static List<SqsQueueSpec> creationOrder(List<SqsQueueSpec> queues) {
    Map<String, SqsQueueSpec> byName = new LinkedHashMap<>();
    for (SqsQueueSpec spec : queues) {
      if (byName.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("queue named twice: " + spec.name());
      }
    }
    List<SqsQueueSpec> ordered = new ArrayList<>();
    for (SqsQueueSpec spec : queues) {
      String dlq = spec.deadLetterQueue();
      if (dlq == null) {
        ordered.add(spec);
      } else {
        SqsQueueSpec target = byName.get(dlq);
        if (target == null) {
          throw new IllegalArgumentException(
              "dead-letter queue " + dlq + " of " + spec.name() + " is not among the queues");
        }
        if (target.deadLetterQueue() != null) {
          throw new IllegalArgumentException(
              "dead-letter queue " + dlq + " must not itself redrive (kept simple on purpose)");
        }
      }
    }
    for (SqsQueueSpec spec : queues) {
      if (spec.deadLetterQueue() != null) {
        ordered.add(spec);
      }
    }
    return ordered;
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override for the SDK's SQS client. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The URL of a queue this server was started with.
   *
   * @throws IllegalArgumentException for an unknown queue name
   */
  public String queueUrl(String queueName) {
    return lookup(queueUrls, queueName);
  }

  /**
   * The ARN of a queue this server was started with, as GetQueueAttributes reports it ({@code
   * arn:aws:sqs:elasticmq:000000000000:<name>}).
   *
   * @throws IllegalArgumentException for an unknown queue name
   */
  public String queueArn(String queueName) {
    return lookup(queueArns, queueName);
  }

  /** Queue name to URL, for every queue created at start, in creation order. */
  public Map<String, String> queueUrls() {
    return queueUrls;
  }

  /** From the call to {@link #start} until the last queue existed. */
  public Duration startupTime() {
    return startupTime;
  }

  private static String lookup(Map<String, String> map, String queueName) {
    String value = map.get(Objects.requireNonNull(queueName, "queueName"));
    if (value == null) {
      throw new IllegalArgumentException("no queue named " + queueName + "; have " + map.keySet());
    }
    return value;
  }

  /**
   * Unbinds the port and terminates the actor system, waiting up to 15 s. Idempotent.
   *
   * @throws LocalStackException if the actor system does not terminate in time
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long stopping = System.nanoTime();
    stop(actorSystem, server);
    LOG.info(
        "Embedded SQS at {} stopped in {} ms",
        endpoint,
        Duration.ofNanos(System.nanoTime() - stopping).toMillis());
  }

  private static void stop(ActorSystem system, @Nullable SQSRestServer server) {
    try {
      if (server != null) {
        server.stopAndWait();
      }
    } catch (RuntimeException e) {
      LOG.warn("ElasticMQ did not unbind cleanly", e);
    } finally {
      system.terminate();
      try {
        system
            .getWhenTerminated()
            .toCompletableFuture()
            .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new LocalStackException("sqs", null, "actor system did not terminate", e);
      }
    }
  }
}
