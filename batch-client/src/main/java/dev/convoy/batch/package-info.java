/**
 * {@code convoy-batch}: the command line of the batch job client, its connection and its
 * progress display.
 */
package dev.convoy.batch;
