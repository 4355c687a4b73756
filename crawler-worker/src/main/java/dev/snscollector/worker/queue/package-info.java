@NullMarked
package dev.snscollector.worker.queue;

import org.jspecify.annotations.NullMarked;
