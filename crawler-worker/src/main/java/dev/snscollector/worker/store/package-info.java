@NullMarked
package dev.snscollector.worker.store;

import org.jspecify.annotations.NullMarked;
