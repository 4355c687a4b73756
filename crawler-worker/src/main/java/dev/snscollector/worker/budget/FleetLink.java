package dev.snscollector.worker.budget;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One budget's use of the fleet's {@link SharedCounters}: a call that the store did not answer
 * comes back null, for the budget to go on by what it counts alone, and the change between the two
 * is logged once each way rather than on every call.
 */
final class FleetLink {
  private static final Logger log = LoggerFactory.getLogger(FleetLink.class);

  private final SharedCounters counters;
  private final String budget;
  private final String alone;
  private final AtomicInteger answering = new AtomicInteger(1);

  /**
   * @param budget what the counters hold, for the log ("YouTube quota")
   * @param alone what the budget does while the store does not answer, for the log
   */
  FleetLink(SharedCounters counters, String budget, String alone) {
    this.counters = counters;
    this.budget = budget;
    this.alone = alone;
  }

  /** The call's result, or null when the store did not answer. */
  <T> @Nullable T call(Function<SharedCounters, T> call) {
    try {
      T result = call.apply(counters);
      if (answering.getAndSet(1) == 0) {
        log.info("{}: the fleet's shared counts answer again", budget);
      }
      return result;
    } catch (SharedCounters.Unavailable e) {
      if (answering.getAndSet(0) != 0) {
        log.warn(
            "{}: the fleet's shared counts do not answer ({}); {} until they do",
            budget,
            e.getMessage(),
            alone);
      }
      return null;
    }
  }

  /** 1 while the store answered the last call, 0 while it did not. */
  int state() {
    return answering.get();
  }
}
