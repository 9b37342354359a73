package dev.convoy.server.repository;

import dev.convoy.server.tensor.Tensor;
import java.util.List;

/**
 * One request's work as its model's batcher queues it.
 *
 * @param inputs validated input tensors, in the order the model config declares them
 * @param outputs the outputs the request asked for, in the order to return them
 */
public record InferenceItem(List<Tensor> inputs, List<String> outputs) {
  public InferenceItem {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
