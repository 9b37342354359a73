/**
 * Fault handling, as pure state machines over an injected clock reading: which statuses are
 * retried or count against a backend ({@link dev.convoy.router.fault.Outcomes}), the retry
 * budget ({@link dev.convoy.router.fault.RetryBudget}) and outlier ejection with exponential
 * back-off ({@link dev.convoy.router.fault.Ejection}).
 */
package dev.convoy.router.fault;
