/** Tests of the results files, checkpoint and tensor decoding. */
package dev.convoy.batch.output;
