/**
 * Triton's classification extension: an output's {@code label_filename} labels, and the top-N
 * classes of an output as BYTES {@code score:index[:label]} elements, for a requested output
 * with the parameter {@code classification: N}.
 */
package dev.convoy.server.classify;
