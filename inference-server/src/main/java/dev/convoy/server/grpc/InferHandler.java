package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.error.InferenceException;
import dev.convoy.server.error.RequestCancelledException;
import dev.convoy.server.model.RequestValidator;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ServedVersion;
import dev.convoy.server.tensor.Tensor;
import dev.convoy.server.tensor.WireTensors;
import io.grpc.Context;
import java.util.List;
import java.util.function.LongSupplier;

/** Runs one inference request end to end: resolve, validate, decode, execute, encode. */
final class InferHandler {
  private final ModelManager models;
  private final LongSupplier nanoTime;

  InferHandler(ModelManager models, LongSupplier nanoTime) {
    this.models = models;
    this.nanoTime = nanoTime;
  }

  /**
   * @param call the caller's context: a cancelled call or passed deadline stops the request
   *     before it reaches the model
   */
  ModelInferResponse infer(ModelInferRequest request, Context call) {
    long start = nanoTime.getAsLong();
    ServedVersion served = models.acquire(request.getModelName(), request.getModelVersion());
    try {
      RequestValidator.Checked checked = RequestValidator.check(served.spec(), request);
      List<Tensor> inputs = WireTensors.decodeInputs(request);
      ensureStillWanted(call, request);
      long queuedNanos = nanoTime.getAsLong() - start;
      Execution execution = served.run(inputs, checked.outputs());
      long rows = served.spec().batched() ? checked.batchSize() : 1;
      served.statistics().recordExecution(rows, execution);
      ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
          .setModelName(request.getModelName())
          .setModelVersion(Long.toString(served.version()))
          .setId(request.getId());
      WireTensors.encodeOutputs(execution.outputs(), WireTensors.usesTypedContents(request), response);
      served.statistics().recordSuccess(rows, nanoTime.getAsLong() - start, queuedNanos);
      return response.build();
    } catch (InferenceException | IllegalStateException e) {
      served.statistics().recordFailure(nanoTime.getAsLong() - start);
      throw e;
    } finally {
      served.release();
    }
  }

  private static void ensureStillWanted(Context call, ModelInferRequest request) {
    if (call.isCancelled()) {
      boolean expired = call.getDeadline() != null && call.getDeadline().isExpired();
      throw new RequestCancelledException(expired, "request" + (request.getId().isEmpty() ? "" : " '" + request.getId() + "'")
          + " to model '" + request.getModelName() + "' " + (expired ? "passed its deadline" : "was cancelled")
          + " before execution");
    }
  }
}
