package dev.convoy.server.grpc;

import dev.convoy.batcher.BatchRequest;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.shm.SharedMemoryTensors;
import dev.convoy.server.classify.TopClasses;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.OverBudgetException;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.RequestValidator;
import dev.convoy.server.repository.InferenceItem;
import dev.convoy.server.repository.InferenceResult;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ServedVersion;
import dev.convoy.server.stats.VersionStatistics;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.server.telemetry.InferenceTracing;
import dev.convoy.server.telemetry.RequestLabels;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.server.tensor.Tensor;
import dev.convoy.server.tensor.WireTensors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one inference request: resolve the model, validate and decode, queue it on the model's
 * batcher, and encode the answer. The call's deadline and cancellation follow the request
 * into the queue, so an abandoned request never reaches the model. Every request gets a span
 * (under the call's span, current when it arrives) and is counted and timed by its status.
 */
final class InferHandler {
  /** Triton's request parameters for the queue: priority level, and a queue timeout in µs. */
  static final String PRIORITY = "priority";
  static final String TIMEOUT = "timeout";

  /** Where a warm-up request's statistics go: nowhere a client reads. */
  private static final VersionStatistics UNCOUNTED = new VersionStatistics(Clock.systemUTC());

  private final ModelManager models;
  private final MemoryBudget budget;
  private final LongSupplier nanoTime;
  private final ServerTelemetry telemetry;
  private final InferenceTracing tracing;
  private final Sampler sampler;
  private final CachedAnswers cache;
  private final SharedMemoryTensors sharedMemory;

  InferHandler(ModelManager models, MemoryBudget budget, LongSupplier nanoTime, ServerTelemetry telemetry,
      Sampler sampler, ResponseCache responseCache, SharedMemoryTensors sharedMemory) {
    this.cache = new CachedAnswers(responseCache, nanoTime);
    this.sharedMemory = sharedMemory;
    this.models = models;
    this.budget = budget;
    this.nanoTime = nanoTime;
    this.telemetry = telemetry;
    this.tracing = telemetry.tracing();
    this.sampler = sampler;
  }

  /**
   * Fails fast (thrown) for a bad request; queue refusals come back in the future. Inputs and
   * outputs a request places in shared memory are read from and written to their regions.
   */
  CompletableFuture<ModelInferResponse> infer(ModelInferRequest request, Context call) {
    return inferInMessage(sharedMemory.readInputs(request), call)
        .thenApply(answer -> sharedMemory.writeOutputs(request, answer));
  }

  private CompletableFuture<ModelInferResponse> inferInMessage(ModelInferRequest request, Context call) {
    long start = nanoTime.getAsLong();
    boolean warmup = WarmupCalls.isWarmup(call);
    Span span = warmup ? Span.getInvalid() : tracing.startRequest(io.opentelemetry.context.Context.current(),
        request.getModelName(), request.getId(), start);
    ServedVersion served;
    try {
      served = models.acquire(request.getModelName(), request.getModelVersion());
    } catch (RuntimeException e) {
      answered(span, telemetry.metrics().labels(knownModel(request.getModelName()), ""), StatusMapper.statusOf(e), 0,
          start);
      throw e;
    }
    VersionStatistics statistics = warmup ? UNCOUNTED : served.statistics();
    RequestLabels labels = warmup ? null : served.labels();
    tracing.resolved(span, served.version());
    BatchRequest<InferenceItem> queued;
    CompletableFuture<InferenceResult> result;
    long admitted = 0;
    RequestValidator.Checked checked;
    CachedAnswers.Lookup cached;
    try {
      checked = RequestValidator.check(served.spec(), request);
      admitted = admit(checked.footprintBytes());
      queued = batchRequest(served.spec(), checked, request, call, start, span, warmup);
      tracing.rows(span, queued.rows());
      cached = cache.lookup(served, queued.payload(), request);
      result = cached.hit().isPresent() ? null : served.submit(queued);
    } catch (RuntimeException e) {
      budget.release(admitted);
      statistics.recordFailure(nanoTime.getAsLong() - start);
      served.release();
      answered(span, labels, StatusMapper.statusOf(e), 0, start);
      throw e;
    }
    if (result == null) {
      return CompletableFuture.completedFuture(fromCache(served, cached, queued.rows(), request, span, admitted, start));
    }
    long footprint = admitted;
    // Removed again when the request is answered, so a long stream's context does not collect them.
    Context.CancellationListener onCancel = context -> result.cancel(false);
    call.addListener(onCancel, Runnable::run);
    return result.handle((done, failure) -> {
      call.removeListener(onCancel);
      budget.release(footprint);
      try {
        long end = nanoTime.getAsLong();
        long total = end - start;
        if (failure != null) {
          statistics.recordFailure(total);
          Throwable cause = StatusMapper.unwrap(failure);
          answered(span, labels, StatusMapper.statusOf(cause), 0, start);
          throw new CompletionException(cause);
        }
        statistics.recordSuccess(queued.rows(), total, done.queueNanos());
        answered(span, labels, Status.OK, done.batchRows(), start);
        ModelInferResponse answer = response(request, served, classified(served, checked, done.outputs()));
        cache.store(cached, answer, statistics);
        if (!warmup) {
          sampler.offer(served.spec(), served.version(), request, answer,
              span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : "");
        }
        return answer;
      } finally {
        served.release();
      }
    });
  }

  /** Answers a request the response cache holds: counted and traced as a success that never ran. */
  private ModelInferResponse fromCache(ServedVersion served, CachedAnswers.Lookup cached, int rows,
      ModelInferRequest request, Span span, long admitted, long start) {
    try {
      budget.release(admitted);
      ModelInferResponse answer = cache.answer(cached.hit().orElseThrow(), request);
      served.statistics().recordCacheHit(rows, nanoTime.getAsLong() - start, cached.lookupNanos());
      answered(span, served.labels(), Status.OK, 0, start);
      sampler.offer(served.spec(), served.version(), request, answer,
          span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : "");
      return answer;
    } finally {
      served.release();
    }
  }

  /**
   * Ends the request's span and counts the request; {@code batchRows} 0 when it never ran.
   *
   * @param labels null for a warm-up request, which is not counted
   */
  private void answered(Span span, RequestLabels labels, Status status, int batchRows, long start) {
    long end = nanoTime.getAsLong();
    tracing.endRequest(span, status, batchRows, end);
    if (labels != null) {
      telemetry.metrics().requestAnswered(labels, status.getCode(), end - start);
    }
  }

  /** The model's name as a metric label: only names the server knows, so made-up names add no series. */
  private String knownModel(String model) {
    return models.entry(model).isPresent() ? model : "";
  }

  /** Takes the request's footprint from the memory budget, or refuses it at once. */
  private long admit(long footprintBytes) {
    if (!budget.tryAcquire(footprintBytes)) {
      throw new OverBudgetException("the request needs about " + footprintBytes + " bytes in flight; the server's"
          + " memory budget for requests (" + budget.limitBytes() + " bytes, --max-inflight-bytes) has "
          + Math.max(0, budget.limitBytes() - budget.inUseBytes()) + " free now");
    }
    return footprintBytes;
  }

  private BatchRequest<InferenceItem> batchRequest(ModelSpec spec, RequestValidator.Checked checked,
      ModelInferRequest request, Context call, long now, Span span, boolean warmup) {
    List<Tensor> inputs = inModelOrder(spec, WireTensors.decodeInputs(request));
    inputs.forEach(spec.runtime()::requireCarriable);
    int rows = spec.batched() ? Math.toIntExact(checked.batchSize()) : 1;
    return new BatchRequest<>(new InferenceItem(inputs, checked.outputs(), span, warmup), rows, shapeKey(spec, inputs),
        intParameter(request, PRIORITY), intParameter(request, TIMEOUT), deadline(call, now));
  }

  /** The decoded inputs in the order the model declares them (validation made them match). */
  private static List<Tensor> inModelOrder(ModelSpec spec, List<Tensor> decoded) {
    if (decoded.size() == 1) {
      return decoded;
    }
    Tensor[] ordered = new Tensor[spec.inputs().size()];
    for (Tensor tensor : decoded) {
      ordered[spec.inputIndex(tensor.name())] = tensor;
    }
    return Arrays.asList(ordered);
  }

  /**
   * Requests share a batch only when every input agrees beyond the batch dimension; where the
   * config fixes those dimensions, validation has made every request agree.
   */
  private static Object shapeKey(ModelSpec spec, List<Tensor> inputs) {
    if (spec.fixedShapes()) {
      return ModelSpec.FIXED_SHAPE_KEY;
    }
    int skip = spec.batched() ? 1 : 0;
    return inputs.stream()
        .map(t -> Arrays.stream(t.shape()).skip(skip).boxed().toList())
        .toList();
  }

  private long deadline(Context call, long now) {
    Deadline deadline = call.getDeadline();
    return deadline == null ? BatchRequest.NO_DEADLINE : now + deadline.timeRemaining(TimeUnit.NANOSECONDS);
  }

  private static int intParameter(ModelInferRequest request, String name) {
    InferParameter parameter = request.getParametersCount() == 0 ? null : request.getParametersMap().get(name);
    if (parameter == null) {
      return 0;
    }
    long value = switch (parameter.getParameterChoiceCase()) {
      case INT64_PARAM -> parameter.getInt64Param();
      case UINT64_PARAM -> parameter.getUint64Param();
      default -> throw new InvalidInputException("parameter '" + name + "' must be an integer");
    };
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new InvalidInputException("parameter '" + name + "' must be in 0.." + Integer.MAX_VALUE + ", got " + value);
    }
    return (int) value;
  }

  /** The outputs, each asked for with {@code classification} replaced by its top classes. */
  private static List<Tensor> classified(ServedVersion served, RequestValidator.Checked checked, List<Tensor> outputs) {
    if (checked.classifications().isEmpty()) {
      return outputs;
    }
    return outputs.stream().map(output -> {
      Integer count = checked.classifications().get(output.name());
      return count == null ? output : TopClasses.of(output, count, served.spec().batched(), served.classLabels());
    }).toList();
  }

  private static ModelInferResponse response(ModelInferRequest request, ServedVersion served, List<Tensor> outputs) {
    ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
        .setModelName(request.getModelName())
        .setModelVersion(served.versionName())
        .setId(request.getId());
    WireTensors.encodeOutputs(outputs, response);
    return response.build();
  }
}
