package dev.snscollector.api.http;

import java.util.Set;

/**
 * Who made a request: the API key that authenticated it.
 *
 * @param keyId the key's id (not the key); idempotency keys are scoped to it
 * @param name the key's name, for logs
 * @param scopes what the key may do
 */
public record Caller(String keyId, String name, Set<Scope> scopes) {
  public Caller {
    scopes = Set.copyOf(scopes);
  }

  public boolean may(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }
}
