/**
 * The chaos suite: hostile clients, memory abuse and backend faults against the real server
 * and router, each started from its runnable jar in its own JVM on loopback
 * ({@link dev.convoy.chaos.ChaosSuite}).
 */
package dev.convoy.chaos;
