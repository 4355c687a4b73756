/**
 * Creators' accounts and their tokens: stored sealed (AES-256-GCM, bound to platform and account),
 * never returned or logged; status kept current from result events; Instagram long-lived tokens
 * refreshed before they expire.
 */
@NullMarked
package dev.snscollector.api.accounts;

import org.jspecify.annotations.NullMarked;
