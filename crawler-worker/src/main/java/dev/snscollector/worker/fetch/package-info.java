/** Fetching documents over HTTP: the shared client, and the failures a fetch can end in. */
@NullMarked
package dev.snscollector.worker.fetch;

import org.jspecify.annotations.NullMarked;
