package dev.snscollector.worker;

import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The collector for each platform. A platform with none yet answers every job with {@code
 * invalid_job} and says so, rather than pretending.
 */
public final class CollectorRegistry {
  private final Map<Platform, Collector> collectors;

  public CollectorRegistry(Map<Platform, Collector> collectors) {
    this.collectors = new EnumMap<>(Platform.class);
    this.collectors.putAll(collectors);
  }

  public Collection collect(JobMessage job) {
    if (!job.options().routes().isEmpty() && !job.options().routes().contains(Route.API)) {
      return unsupported(
          "routes " + job.options().routes() + " are not available yet; only api is");
    }
    Collector collector = collectors.get(job.platform());
    if (collector == null) {
      return unsupported("no collector for " + job.platform().wireName() + " yet");
    }
    return collector.collect(job);
  }

  private static Collection unsupported(String detail) {
    return new Collection(Outcome.INVALID_JOB, detail, List.of(), List.of(), null, List.of(), 0);
  }
}
