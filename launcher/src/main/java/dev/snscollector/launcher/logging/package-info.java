/**
 * Log output for people and for machines: plain text locally, one JSON object per line in the
 * images ({@code LOG_FORMAT=json}), with secrets masked in both.
 */
@NullMarked
package dev.snscollector.launcher.logging;

import org.jspecify.annotations.NullMarked;
