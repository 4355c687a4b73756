package dev.snscollector.worker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers single SQS calls from many jobs into batch calls of up to 10 entries. A caller's future
 * completes only when its own entry succeeded in a batch, so "deleted after durable" still holds
 * per message. Entries wait at most {@code linger} for company.
 *
 * @param <T> what one entry carries
 */
public final class SqsBatcher<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqsBatcher.class);
  private static final int MAX_BATCH = 10;

  private record Pending<T>(T item, CompletableFuture<Void> done) {}

  /** Sends one batch; returns, per entry in order, null on success or the failure's reason. */
  public interface BatchCall<T> extends Function<List<T>, List<String>> {}

  private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final BatchCall<T> call;
  private final long lingerMillis;
  private final Thread thread;
  private volatile boolean running = true;

  public SqsBatcher(String name, BatchCall<T> call, long lingerMillis) {
    this.call = call;
    this.lingerMillis = lingerMillis;
    this.thread = Thread.ofPlatform().daemon().name("sqs-batcher-" + name).start(this::run);
  }

  /** Queues an entry; the future completes when it was sent, or fails with the reason. */
  public CompletableFuture<Void> submit(T item) {
    Pending<T> p = new Pending<>(item, new CompletableFuture<>());
    if (!running) {
      p.done.completeExceptionally(new IllegalStateException("batcher closed"));
      return p.done;
    }
    queue.add(p);
    return p.done;
  }

  private void run() {
    List<Pending<T>> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        while (batch.size() < MAX_BATCH) {
          long left = deadline - System.nanoTime();
          Pending<T> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        flush(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Pending<T>> batch) {
    List<T> items = batch.stream().map(Pending::item).toList();
    try {
      List<String> failures = call.apply(items);
      for (int i = 0; i < batch.size(); i++) {
        String failure = failures.get(i);
        if (failure == null) {
          batch.get(i).done.complete(null);
        } else {
          batch.get(i).done.completeExceptionally(new SqsCallException(failure));
        }
      }
    } catch (RuntimeException e) {
      log.warn("SQS batch call failed: {}", e.toString());
      batch.forEach(p -> p.done.completeExceptionally(e));
    }
  }

  /** Waits for an entry, turning a failure into an unchecked exception. */
  public static void await(Supplier<CompletableFuture<Void>> submit) {
    try {
      submit.get().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqsCallException("interrupted while waiting for SQS");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new SqsCallException(String.valueOf(e.getCause()));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
