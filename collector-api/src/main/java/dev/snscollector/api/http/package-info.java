/**
 * The HTTP edge: the route table, API-key authentication with scopes, request bodies with a size
 * limit, and errors as RFC 9457 problem details. Handlers live with their feature; this package
 * knows none of them.
 */
@NullMarked
package dev.snscollector.api.http;

import org.jspecify.annotations.NullMarked;
