/**
 * Operations an operator runs on the whole service (from Slack's {@code /collector} command):
 * pausing platforms and routes ({@link dev.snscollector.api.ops.PausedScopesList}), re-running a
 * job ({@link dev.snscollector.api.ops.JobReplay}) and moving the dead-letter queue's messages back
 * ({@link dev.snscollector.api.ops.DeadLetterRedrive}).
 */
@NullMarked
package dev.snscollector.api.ops;

import org.jspecify.annotations.NullMarked;
