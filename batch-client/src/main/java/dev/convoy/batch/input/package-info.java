/**
 * Input files, read one row at a time so that a job's memory does not grow with its input:
 * CSV of feature columns, or JSONL of Open Inference Protocol requests.
 */
package dev.convoy.batch.input;
