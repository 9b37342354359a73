package dev.convoy.batch.job;

/** One finished row: its line, and whether it goes to the errors file. */
record RowLine(boolean error, String json) {}
