package dev.snscollector.api.accounts;

import dev.snscollector.contracts.Platform;

/** A creator's account on one platform. */
public record AccountRef(Platform platform, String accountId) {
  @Override
  public String toString() {
    return platform.wireName() + "/" + accountId;
  }
}
