package dev.snscollector.api.http;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. {@link #ADMIN} may do everything, including managing keys. */
public enum Scope {
  JOBS_READ("jobs:read"),
  JOBS_WRITE("jobs:write"),
  ACCOUNTS_READ("accounts:read"),
  ACCOUNTS_WRITE("accounts:write"),
  SCHEDULES_READ("schedules:read"),
  SCHEDULES_WRITE("schedules:write"),
  WEBHOOKS_READ("webhooks:read"),
  WEBHOOKS_WRITE("webhooks:write"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
