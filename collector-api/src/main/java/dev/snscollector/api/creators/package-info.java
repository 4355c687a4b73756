/** What the service keeps about one creator, as a whole: erasing it everywhere. */
@NullMarked
package dev.snscollector.api.creators;

import org.jspecify.annotations.NullMarked;
