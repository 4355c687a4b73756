@NullMarked
package dev.snscollector.worker.youtube;

import org.jspecify.annotations.NullMarked;
