package dev.convoy.server.backend;

import dev.convoy.server.tensor.Tensor;
import java.util.List;

/**
 * The outputs of one model execution and where its time went, in nanoseconds: preparing
 * runtime inputs, running the model, and copying the outputs out.
 */
public record Execution(List<Tensor> outputs, long inputNanos, long inferNanos, long outputNanos) {
  public Execution {
    outputs = List.copyOf(outputs);
  }
}
