/**
 * The platform's front door: {@link dev.snscollector.api.CollectorApi} wires one replica (the
 * database, the HTTP server, the background loops) from an {@link dev.snscollector.api.ApiConfig};
 * {@link dev.snscollector.api.ApiMain} runs it in production. {@link
 * dev.snscollector.api.JobSubmitter} is the direct path to the jobs queue, without the service.
 */
@NullMarked
package dev.snscollector.api;

import org.jspecify.annotations.NullMarked;
