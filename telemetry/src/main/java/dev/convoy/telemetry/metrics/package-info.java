/**
 * Pieces the services share when they define instruments: bucket boundaries that suit
 * latencies in seconds and batch sizes, and a gauge that shows which state each of a set of
 * things (e.g. a router's backends) is in.
 */
package dev.convoy.telemetry.metrics;
