/**
 * Refresh schedules: a cron expression in a time zone over a job template and a list of targets or
 * accounts, fired exactly once per tick across replicas.
 */
@NullMarked
package dev.snscollector.api.schedules;

import org.jspecify.annotations.NullMarked;
