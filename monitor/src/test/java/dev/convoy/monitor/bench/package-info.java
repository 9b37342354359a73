/** A short ingest benchmark program (prints figures, asserts nothing). */
package dev.convoy.monitor.bench;
