/** Tests of the job's parts that need no server. */
package dev.convoy.batch.job;
