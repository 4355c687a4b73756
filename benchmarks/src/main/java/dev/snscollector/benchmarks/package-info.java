/** JMH benchmarks: the parsing pipeline per page type, single thread. */
@NullMarked
package dev.snscollector.benchmarks;

import org.jspecify.annotations.NullMarked;
