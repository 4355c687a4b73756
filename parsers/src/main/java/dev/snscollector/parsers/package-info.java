/**
 * Pure parsers: a captured document in, normalized records out. Nothing here opens a socket or
 * touches AWS, so every parser runs on a saved page. Each page type has a structure schema; a
 * document that fails it is drift and yields no records.
 */
@NullMarked
package dev.snscollector.parsers;

import org.jspecify.annotations.NullMarked;
