/**
 * Run reports to Slack: when a schedule's tick (or an Airflow run's batches) has finished, one
 * message with its jobs by outcome, drifts by page type and the creators to reconnect ({@link
 * dev.snscollector.api.reports.RunSummary}, {@link dev.snscollector.api.reports.ScheduleReports},
 * {@link dev.snscollector.api.reports.ReportRoutes}).
 */
@NullMarked
package dev.snscollector.api.reports;

import org.jspecify.annotations.NullMarked;
