package dev.convoy.router.proxy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsResponse;
import dev.convoy.proto.inference.StatisticDuration;
import dev.convoy.router.backend.ModelTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up the statistics of several backends: per (model, version), counts and durations are
 * summed, {@code last_inference} is the latest, and batch statistics are summed per batch
 * size. The result reads as if one server had served all the traffic.
 */
final class StatisticsMerger {
  private static final Comparator<ModelStatistics> ORDER = Comparator.comparing(ModelStatistics::getName)
      .thenComparing(ModelStatistics::getVersion, ModelTable.VERSION_ORDER);

  private StatisticsMerger() {}

  static ModelStatisticsResponse merge(List<ModelStatisticsResponse> responses) {
    Map<List<String>, ModelStatistics> merged = new LinkedHashMap<>();
    for (ModelStatisticsResponse response : responses) {
      for (ModelStatistics stats : response.getModelStatsList()) {
        merged.merge(List.of(stats.getName(), stats.getVersion()), stats, StatisticsMerger::add);
      }
    }
    List<ModelStatistics> sorted = new ArrayList<>(merged.values());
    sorted.sort(ORDER);
    return ModelStatisticsResponse.newBuilder().addAllModelStats(sorted).build();
  }

  static byte[] mergeBytes(List<byte[]> bodies) {
    List<ModelStatisticsResponse> responses = new ArrayList<>();
    for (byte[] body : bodies) {
      try {
        responses.add(ModelStatisticsResponse.parseFrom(body));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("a backend sent an invalid ModelStatisticsResponse", e);
      }
    }
    return merge(responses).toByteArray();
  }

  static ModelStatistics add(ModelStatistics a, ModelStatistics b) {
    return a.toBuilder()
        .setLastInference(Math.max(a.getLastInference(), b.getLastInference()))
        .setInferenceCount(a.getInferenceCount() + b.getInferenceCount())
        .setExecutionCount(a.getExecutionCount() + b.getExecutionCount())
        .setInferenceStats(add(a.getInferenceStats(), b.getInferenceStats()))
        .clearBatchStats()
        .addAllBatchStats(addBatches(a.getBatchStatsList(), b.getBatchStatsList()))
        .build();
  }

  private static InferStatistics add(InferStatistics a, InferStatistics b) {
    return InferStatistics.newBuilder()
        .setSuccess(add(a.getSuccess(), b.getSuccess()))
        .setFail(add(a.getFail(), b.getFail()))
        .setQueue(add(a.getQueue(), b.getQueue()))
        .setComputeInput(add(a.getComputeInput(), b.getComputeInput()))
        .setComputeInfer(add(a.getComputeInfer(), b.getComputeInfer()))
        .setComputeOutput(add(a.getComputeOutput(), b.getComputeOutput()))
        .setCacheHit(add(a.getCacheHit(), b.getCacheHit()))
        .setCacheMiss(add(a.getCacheMiss(), b.getCacheMiss()))
        .build();
  }

  private static List<InferBatchStatistics> addBatches(List<InferBatchStatistics> a, List<InferBatchStatistics> b) {
    Map<Long, InferBatchStatistics> bySize = new TreeMap<>();
    for (List<InferBatchStatistics> list : List.of(a, b)) {
      for (InferBatchStatistics batch : list) {
        bySize.merge(batch.getBatchSize(), batch, (x, y) -> InferBatchStatistics.newBuilder()
            .setBatchSize(x.getBatchSize())
            .setComputeInput(add(x.getComputeInput(), y.getComputeInput()))
            .setComputeInfer(add(x.getComputeInfer(), y.getComputeInfer()))
            .setComputeOutput(add(x.getComputeOutput(), y.getComputeOutput()))
            .build());
      }
    }
    return List.copyOf(bySize.values());
  }

  private static StatisticDuration add(StatisticDuration a, StatisticDuration b) {
    return StatisticDuration.newBuilder().setCount(a.getCount() + b.getCount()).setNs(a.getNs() + b.getNs()).build();
  }
}
