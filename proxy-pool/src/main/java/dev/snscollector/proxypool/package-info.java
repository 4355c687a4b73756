/**
 * A pool of HTTP and SOCKS5 proxies that hears back from every fetch: leases go out, come back with
 * an outcome, and bans, rate limits and connect failures shape which proxy the next lease gets.
 * Knows nothing of platforms: a target is only a domain name.
 */
@NullMarked
package dev.snscollector.proxypool;

import org.jspecify.annotations.NullMarked;
