/**
 * Alert rules on window reports, the pending → firing → resolved state machine, and the
 * sinks alerts are delivered to: watchers of the alert stream, the log, metrics, a webhook.
 */
package dev.convoy.monitor.alert;
