package dev.convoy.server.repository;

import dev.convoy.batcher.Batch;
import dev.convoy.batcher.BatchExecutor;
import dev.convoy.batcher.Queued;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.stats.VersionStatistics;
import dev.convoy.server.telemetry.BatchTrace;
import dev.convoy.server.telemetry.ExecutionSite;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.server.tensor.Batching;
import dev.convoy.server.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Runs the batches a model's batcher forms on one instance: joins the requests' inputs along
 * the batch dimension, executes once, and cuts each output back into per-request slices. Each
 * batch is traced (a batch span linked to its requests, their queue waits, the model run) and
 * measured (batch size, instance busy time).
 */
final class InstanceBatchExecutor implements BatchExecutor<InferenceItem, InferenceResult> {
  private final ModelSpec spec;
  private final ModelInstance instance;
  private final VersionStatistics statistics;
  private final ExecutionSite site;
  private final ServerTelemetry telemetry;
  private final LongSupplier nanoTime;

  InstanceBatchExecutor(ModelSpec spec, ModelInstance instance, VersionStatistics statistics,
      ExecutionSite site, ServerTelemetry telemetry, LongSupplier nanoTime) {
    this.spec = spec;
    this.instance = instance;
    this.statistics = statistics;
    this.site = site;
    this.telemetry = telemetry;
    this.nanoTime = nanoTime;
  }

  @Override
  public List<InferenceResult> execute(Batch<InferenceItem> batch) {
    long began = nanoTime.getAsLong();
    long rows = spec.batched() ? batch.rows() : 1;
    boolean counted = !warmupOnly(batch);
    BatchTrace trace = telemetry.tracing().startBatch(site, batch, rows, InferenceItem::span);
    if (counted) {
      for (Queued<InferenceItem> item : batch.items()) {
        telemetry.metrics().queued(site, batch.dispatchedAtNanos() - item.enqueuedAtNanos());
      }
    }
    try {
      return run(batch, rows, trace, counted);
    } catch (RuntimeException | Error e) {
      trace.fail(e);
      throw e;
    } finally {
      long ended = nanoTime.getAsLong();
      trace.end(ended);
      if (counted) {
        telemetry.metrics().executed(site, rows, ended - began);
      }
    }
  }

  private static boolean warmupOnly(Batch<InferenceItem> batch) {
    for (Queued<InferenceItem> item : batch.items()) {
      if (!item.payload().warmup()) {
        return false;
      }
    }
    return true;
  }

  private List<InferenceResult> run(Batch<InferenceItem> batch, long rows, BatchTrace trace, boolean counted) {
    List<Queued<InferenceItem>> items = batch.items();
    List<String> outputs = outputsOf(items);
    List<Tensor> inputs = joinedInputs(items);
    long computeStart = nanoTime.getAsLong();
    Execution execution;
    try {
      execution = instance.run(inputs, outputs);
    } catch (RuntimeException e) {
      trace.compute(computeStart, nanoTime.getAsLong(), e);
      throw e;
    }
    trace.compute(computeStart, nanoTime.getAsLong(), null);
    if (counted) {
      statistics.recordExecution(rows, execution);
    }
    if (items.size() == 1) {
      // The instance ran exactly the outputs this request asked for, in its order.
      Queued<InferenceItem> item = items.get(0);
      return List.of(new InferenceResult(execution.outputs(), batch.dispatchedAtNanos() - item.enqueuedAtNanos(),
          batch.rows()));
    }
    Map<String, List<Tensor>> slices = execution.outputs().stream().collect(Collectors.toMap(
        Tensor::name, t -> Batching.split(t, rowsOf(items))));
    List<InferenceResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Queued<InferenceItem> item = items.get(i);
      int index = i;
      List<Tensor> own = item.payload().outputs().stream().map(name -> slices.get(name).get(index)).toList();
      results.add(new InferenceResult(own, batch.dispatchedAtNanos() - item.enqueuedAtNanos(), batch.rows()));
    }
    return results;
  }

  /** Every output any request in the batch asked for: a lone request's in its own order. */
  private List<String> outputsOf(List<Queued<InferenceItem>> items) {
    if (items.size() == 1) {
      return items.get(0).payload().outputs();
    }
    Set<String> wanted = items.stream().flatMap(q -> q.payload().outputs().stream())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return spec.outputs().stream().map(o -> o.name()).filter(wanted::contains).toList();
  }

  private List<Tensor> joinedInputs(List<Queued<InferenceItem>> items) {
    if (items.size() == 1) {
      return items.get(0).payload().inputs();
    }
    List<Tensor> joined = new ArrayList<>(spec.inputs().size());
    for (int i = 0; i < spec.inputs().size(); i++) {
      int input = i;
      joined.add(Batching.concat(items.stream().map(q -> q.payload().inputs().get(input)).toList()));
    }
    return joined;
  }

  private static int[] rowsOf(List<Queued<InferenceItem>> items) {
    return items.stream().mapToInt(Queued::rows).toArray();
  }
}
