package dev.snscollector.worker;

import dev.snscollector.contracts.JobMessage;

/**
 * Collects one job of one platform through its routes. Returns an outcome for anything the platform
 * answered; throws {@link dev.snscollector.worker.fetch.TransientFetchException} when the job
 * should be retried later.
 */
public interface Collector {
  Collection collect(JobMessage job);
}
