/** Tests of the input readers. */
package dev.convoy.batch.input;
