/**
 * Running a job: rows packed into requests, sent over ModelStreamInfer streams with a bound on
 * the rows in flight, retried with back-off, and written out in row order.
 */
package dev.convoy.batch.job;
