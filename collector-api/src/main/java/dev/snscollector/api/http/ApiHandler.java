package dev.snscollector.api.http;

import io.javalin.http.Context;

/** A route's handler, given the authenticated caller. */
@FunctionalInterface
public interface ApiHandler {
  void handle(Context ctx, Caller caller) throws Exception;
}
