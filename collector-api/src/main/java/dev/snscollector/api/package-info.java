/**
 * The platform's front door. For now the part every caller needs: validate jobs against the
 * contract and enqueue them on SQS in batches. The HTTP service builds on it.
 */
@NullMarked
package dev.snscollector.api;

import org.jspecify.annotations.NullMarked;
