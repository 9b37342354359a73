/**
 * What a job writes: the results and errors files (JSONL), made durable in commits, and the
 * checkpoint beside them that records how far the committed files go.
 */
package dev.convoy.batch.output;
