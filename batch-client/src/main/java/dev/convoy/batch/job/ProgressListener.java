package dev.convoy.batch.job;

/** Told how far a job is, from the job's thread, a few times a second at most. */
public interface ProgressListener {
  /**
   * @param done rows written, including those of earlier runs
   * @param doneThisRun rows written by this run
   * @param total rows in the input
   * @param elapsedNanos since this run started
   */
  void update(long done, long doneThisRun, long total, long elapsedNanos);
}
