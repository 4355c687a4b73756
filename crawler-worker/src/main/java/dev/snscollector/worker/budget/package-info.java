/**
 * Per-app and per-token API budgets: Graph API usage headers, YouTube quota units per day and key,
 * request windows for the TikTok API. A budget slows a route before the platform's limit and
 * answers with the time to wait once it is spent.
 */
@NullMarked
package dev.snscollector.worker.budget;

import org.jspecify.annotations.NullMarked;
