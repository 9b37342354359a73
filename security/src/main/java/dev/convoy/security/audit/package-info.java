/**
 * The audit log: one line per admin action (repository load and unload, router and monitor
 * administration) and per refused call, with principal, peer address, action, target and
 * outcome, on the SLF4J logger {@code convoy.audit}; every client-supplied string in it is
 * escaped and bounded in length.
 */
package dev.convoy.security.audit;
