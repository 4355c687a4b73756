/** The {@code ./collector} command line. */
@NullMarked
package dev.snscollector.launcher;

import org.jspecify.annotations.NullMarked;
