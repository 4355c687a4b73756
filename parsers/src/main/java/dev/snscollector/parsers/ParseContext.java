package dev.snscollector.parsers;

import dev.snscollector.contracts.Route;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a parser needs besides the document to build records' sources.
 *
 * @param route the route that fetched the document
 * @param jobId the job, or null outside a job (the parse command, replay)
 * @param observedAt the observation time written into records; the capture's fetch time
 */
public record ParseContext(Route route, @Nullable String jobId, Instant observedAt) {}
