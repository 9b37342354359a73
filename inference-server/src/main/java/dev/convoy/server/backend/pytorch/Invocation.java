package dev.convoy.server.backend.pytorch;

import dev.convoy.server.tensor.Tensor;
import java.util.List;

/** One run's validated inputs and the outputs to return, in order. */
record Invocation(List<Tensor> inputs, List<String> outputs) {}
