package dev.convoy.server.backend;

import dev.convoy.server.tensor.Tensor;
import java.util.List;

/**
 * One loaded copy of a model version on one device. Implementations are safe for concurrent
 * {@link #run} calls; {@link #close} is called only once no run is in progress.
 */
public interface ModelInstance extends AutoCloseable {

  /**
   * Runs the model on inputs that have passed validation.
   *
   * @param outputs names of the outputs to return, in the order to return them
   * @throws dev.convoy.server.error.BackendException when the runtime fails
   */
  Execution run(List<Tensor> inputs, List<String> outputs);

  /** A human-readable device, e.g. {@code cpu} or {@code cuda:0}. */
  String device();

  @Override
  void close();
}
