package dev.snscollector.worker;

import dev.snscollector.worker.fetch.BodyBudget;
import dev.snscollector.worker.queue.QueuedMessage;
import dev.snscollector.worker.queue.SqsJobQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue loop. Receivers long-poll SQS for as many messages as there are free slots (at most
 * {@link WorkerConfig#concurrency()} jobs run at once, each on its own virtual thread), waiting up
 * to {@link WorkerConfig#receiveGather()} for a batch's worth of slots to come free; a heartbeat
 * keeps extending the visibility of running jobs; {@link #shutdown(Duration)} stops receiving, lets
 * running jobs finish within a deadline and releases the rest to the queue at once.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final Duration LONG_POLL = Duration.ofSeconds(10);

  /** How long interrupted jobs get to give their messages back before the worker does it. */
  static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(5);

  private final WorkerConfig config;
  private final SqsJobQueue queue;
  private final JobHandler handler;
  private final WorkerMetrics metrics;
  private final Semaphore slots;
  private final BodyBudget bodies;
  private final Map<String, QueuedMessage> inFlight = new ConcurrentHashMap<>();
  private final Leases leases;
  private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("heartbeat").factory());
  private final List<Thread> receivers = new ArrayList<>();

  /** One receive loop at a time gathers free slots, so the slots a batch waits for add up. */
  private final ReentrantLock gathering = new ReentrantLock();

  /**
   * Platform threads, not virtual ones: virtual threads share the carriers with thousands of jobs,
   * and a heartbeat call queued behind every job that became runnable at once came seconds late.
   */
  private final ExecutorService heartbeatCalls =
      Executors.newFixedThreadPool(
          SqsJobQueue.PARALLEL_BATCHES,
          Thread.ofPlatform().daemon().name("heartbeat-call-", 0).factory());

  private volatile boolean receiving;

  public Worker(WorkerConfig config, SqsJobQueue queue, JobHandler handler, WorkerMetrics metrics) {
    this(config, queue, handler, metrics, BodyBudget.unlimited());
  }

  /**
   * @param bodies the response bytes jobs may hold at once; each job's holding is bound to its
   *     thread ({@link BodyBudget#JOB}) and released when the job ends, stored or not
   */
  public Worker(
      WorkerConfig config,
      SqsJobQueue queue,
      JobHandler handler,
      WorkerMetrics metrics,
      BodyBudget bodies) {
    this.config = config;
    this.queue = queue;
    this.handler = handler;
    this.metrics = metrics;
    this.slots = new Semaphore(config.concurrency());
    this.bodies = bodies;
    this.leases = new Leases(config.visibilityTimeout(), heartbeatPeriod(config));
  }

  private static Duration heartbeatPeriod(WorkerConfig config) {
    return Duration.ofSeconds(Math.max(1, config.visibilityTimeout().toSeconds() / 3));
  }

  public void start() {
    receiving = true;
    for (int i = 0; i < config.receivers(); i++) {
      receivers.add(Thread.ofPlatform().name("receiver-" + i).start(this::receiveLoop));
    }
    long period = heartbeatPeriod(config).toSeconds();
    heartbeat.scheduleWithFixedDelay(this::extendVisibility, period, period, TimeUnit.SECONDS);
    log.info("worker {} started: {}", config.workerId(), config);
  }

  /** Whether it takes jobs: from {@link #start()} until {@link #shutdown(Duration)}. */
  public boolean receiving() {
    return receiving;
  }

  private void receiveLoop() {
    while (receiving) {
      int want = 0;
      try {
        gathering.lockInterruptibly();
        try {
          slots.acquire();
          want = 1;
          want += gatherUpTo(9);
        } finally {
          gathering.unlock();
        }
        if (!receiving || Thread.currentThread().isInterrupted()) {
          // Woken by a job that ended after the stop: a receive now would only count one more
          // receive against each message it brought back.
          slots.release(want);
          return;
        }
        // Before the call: the queue starts a message's visibility somewhere during it, and a
        // lease counted from the answer would end later here than in the queue.
        long asked = System.nanoTime();
        List<QueuedMessage> messages = queue.receive(want, LONG_POLL, config.visibilityTimeout());
        slots.release(want - messages.size());
        want = 0;
        for (QueuedMessage m : messages) {
          if (!receiving) {
            release(m);
            slots.release();
            continue;
          }
          leases.received(m, asked);
          inFlight.put(m.receiptHandle(), m);
          metrics.inFlight().incrementAndGet();
          try {
            jobs.execute(() -> run(m));
          } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            inFlight.remove(m.receiptHandle());
            leases.finished(m);
            metrics.inFlight().decrementAndGet();
            release(m);
            slots.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        slots.release(want);
        return;
      } catch (RuntimeException e) {
        slots.release(want);
        log.warn("receive failed, retrying in 1 s: {}", e.toString());
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * Takes up to {@code n} more slots: those free now, then those that come free within the gather
   * time. A busy worker frees its slots one job at a time; asking the queue for each one alone
   * would cost a receive request per job (and the queue's and the SDK's work for it).
   */
  private int gatherUpTo(int n) {
    int got = 0;
    while (got < n && slots.tryAcquire()) {
      got++;
    }
    long deadline = System.nanoTime() + config.receiveGather().toNanos();
    try {
      while (got < n && receiving) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
          break;
        }
        got++;
      }
    } catch (InterruptedException e) {
      // The slots taken so far are counted; the caller sees the flag and gives them back.
      Thread.currentThread().interrupt();
    }
    return got;
  }

  private void run(QueuedMessage m) {
    BodyBudget.Held held = new BodyBudget.Held();
    try {
      ScopedValue.where(BodyBudget.JOB, held).run(() -> handler.handle(m));
    } catch (RuntimeException e) {
      log.error("unexpected failure handling {}", m, e);
    } finally {
      bodies.release(held);
      inFlight.remove(m.receiptHandle());
      leases.finished(m);
      metrics.inFlight().decrementAndGet();
      slots.release();
    }
  }

  private void extendVisibility() {
    long start = System.nanoTime();
    List<QueuedMessage> due = leases.due(List.copyOf(inFlight.values()), start);
    if (due.isEmpty()) {
      return;
    }
    Duration lease = leases.lease();
    try {
      // Its own platform thread, the jobs nearest to their end first, batches sent in parallel,
      // and a longer lease when rounds are slow: thousands of jobs in flight, all waiting on a
      // slow origin or on the body budget, keep their messages whatever the load.
      int refused = queue.extendVisibility(due, lease, heartbeatCalls);
      long end = System.nanoTime();
      leases.extended(due, lease, start, end);
      long millis = (end - start) / 1_000_000;
      if (millis > heartbeatPeriod(config).toMillis() / 2) {
        log.warn(
            "heartbeat took {} ms for {} jobs, more than half its period: the queue is slow;"
                + " leases of {} s from now on",
            millis,
            due.size(),
            leases.lease().toSeconds());
      }
      metrics.heartbeat(due.size() - refused, refused);
    } catch (RuntimeException e) {
      log.warn("heartbeat failed for {} jobs: {}", due.size(), e.toString());
    }
  }

  /**
   * Stops receiving, waits up to {@code grace} for running jobs, then interrupts what is left and
   * makes its messages visible again at once, so another worker takes them.
   *
   * <p>The release is the last word on those messages: the heartbeat is stopped first (a round
   * landing after the release would hide them for another lease), and an interrupted job gives its
   * message back instead of deferring or retrying it ({@link JobHandler#stopping()}); jobs still
   * running {@link #INTERRUPTED_WAIT} after the interrupt are released here.
   */
  public void shutdown(Duration grace) {
    if (!receiving && jobs.isShutdown()) {
      return;
    }
    receiving = false;
    log.info("worker {} stopping: {} jobs in flight", config.workerId(), inFlight.size());
    jobs.shutdown();
    try {
      if (!jobs.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("interrupting {} unfinished jobs; their messages go back", inFlight.size());
        stopHeartbeat();
        handler.stopping();
        jobs.shutdownNow();
        jobs.awaitTermination(INTERRUPTED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        List<QueuedMessage> stuck = List.copyOf(inFlight.values());
        if (!stuck.isEmpty()) {
          log.warn("releasing {} jobs that did not stop when interrupted", stuck.size());
          stuck.forEach(this::release);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jobs.shutdownNow();
    }
    heartbeat.shutdownNow();
    heartbeatCalls.shutdownNow();
    // Receivers waiting for a free slot wake, see the stop and end.
    slots.release(config.concurrency());
    for (Thread r : receivers) {
      try {
        r.join(LONG_POLL.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("worker {} stopped", config.workerId());
  }

  private void stopHeartbeat() throws InterruptedException {
    heartbeat.shutdownNow();
    heartbeatCalls.shutdownNow();
    heartbeat.awaitTermination(INTERRUPTED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    heartbeatCalls.awaitTermination(INTERRUPTED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void release(QueuedMessage m) {
    try {
      queue.changeVisibility(m, Duration.ZERO);
    } catch (RuntimeException e) {
      log.warn("could not release {}: it returns when its visibility runs out", m.messageId());
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }
}
