/**
 * Sealed tokens: creators' OAuth tokens travel in jobs and rest in the database only as AES-256-GCM
 * ciphertext bound to their platform and account, under a key id from a rotating key ring.
 */
@NullMarked
package dev.snscollector.contracts.tokens;

import org.jspecify.annotations.NullMarked;
