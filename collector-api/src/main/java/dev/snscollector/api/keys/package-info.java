/** API keys with scopes, stored as SHA-256 hashes; the key itself is shown once, at creation. */
@NullMarked
package dev.snscollector.api.keys;

import org.jspecify.annotations.NullMarked;
