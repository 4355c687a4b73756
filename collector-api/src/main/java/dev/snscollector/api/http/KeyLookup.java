package dev.snscollector.api.http;

import java.util.Optional;

/** Finds the caller behind a presented API key; the key store implements it. */
@FunctionalInterface
public interface KeyLookup {
  /** The active key's caller, or empty for an unknown or revoked key. */
  Optional<Caller> find(String presentedKey);
}
