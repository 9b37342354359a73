package dev.convoy.server.repository;

import dev.convoy.server.tensor.Tensor;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Objects;

/**
 * One request's work as its model's batcher queues it.
 *
 * @param inputs validated input tensors, in the order the model config declares them
 * @param outputs the outputs the request asked for, in the order to return them
 * @param span the request's span, which its queue wait and its batch hang from or link to
 * @param warmup the server's own warm-up request, left out of statistics and metrics
 */
public record InferenceItem(List<Tensor> inputs, List<String> outputs, Span span, boolean warmup) {
  public InferenceItem {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(span, "span");
  }

  /** A client's request. */
  public InferenceItem(List<Tensor> inputs, List<String> outputs, Span span) {
    this(inputs, outputs, span, false);
  }

  /** A client's untraced request. */
  public InferenceItem(List<Tensor> inputs, List<String> outputs) {
    this(inputs, outputs, Span.getInvalid());
  }
}
