package dev.convoy.server.repository;

import dev.convoy.server.tensor.Tensor;
import java.util.List;

/**
 * One request's outputs from a batch execution.
 *
 * @param queueNanos time from entering the queue to the batch's dispatch
 * @param batchRows the rows of the whole batch the request ran in
 */
public record InferenceResult(List<Tensor> outputs, long queueNanos, int batchRows) {
  public InferenceResult {
    outputs = List.copyOf(outputs);
  }
}
