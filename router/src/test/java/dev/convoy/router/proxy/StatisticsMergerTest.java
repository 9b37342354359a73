package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsResponse;
import dev.convoy.proto.inference.StatisticDuration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsMergerTest {
  private static StatisticDuration duration(long count, long ns) {
    return StatisticDuration.newBuilder().setCount(count).setNs(ns).build();
  }

  private static ModelStatistics stats(String name, String version, long requests, long last, long batchSize) {
    return ModelStatistics.newBuilder().setName(name).setVersion(version).setLastInference(last)
        .setInferenceCount(requests).setExecutionCount(requests)
        .setInferenceStats(InferStatistics.newBuilder().setSuccess(duration(requests, requests * 100))
            .setQueue(duration(requests, requests * 10))
            .setCacheHit(duration(requests, requests * 2)).setCacheMiss(duration(1, 7)))
        .addBatchStats(InferBatchStatistics.newBuilder().setBatchSize(batchSize)
            .setComputeInfer(duration(requests, requests * 50)))
        .build();
  }

  @Test
  void merge_sameVersionOnTwoBackends_sumsCountsAndDurations() {
    ModelStatisticsResponse merged = StatisticsMerger.merge(List.of(
        ModelStatisticsResponse.newBuilder().addModelStats(stats("a", "1", 3, 1000, 1)).build(),
        ModelStatisticsResponse.newBuilder().addModelStats(stats("a", "1", 5, 2000, 1)).build()));

    assertThat(merged.getModelStatsCount()).isEqualTo(1);
    ModelStatistics a = merged.getModelStats(0);
    assertThat(a.getInferenceCount()).isEqualTo(8);
    assertThat(a.getExecutionCount()).isEqualTo(8);
    assertThat(a.getLastInference()).isEqualTo(2000);
    assertThat(a.getInferenceStats().getSuccess()).isEqualTo(duration(8, 800));
    assertThat(a.getInferenceStats().getQueue()).isEqualTo(duration(8, 80));
    assertThat(a.getInferenceStats().getCacheHit()).isEqualTo(duration(8, 16));
    assertThat(a.getInferenceStats().getCacheMiss()).isEqualTo(duration(2, 14));
    assertThat(a.getBatchStatsList()).containsExactly(InferBatchStatistics.newBuilder().setBatchSize(1)
        .setComputeInput(duration(0, 0)).setComputeInfer(duration(8, 400)).setComputeOutput(duration(0, 0)).build());
  }

  @Test
  void merge_differentVersionsAndBatchSizes_keptApartAndSorted() {
    ModelStatisticsResponse merged = StatisticsMerger.merge(List.of(
        ModelStatisticsResponse.newBuilder().addModelStats(stats("b", "1", 1, 0, 4))
            .addModelStats(stats("a", "2", 1, 0, 1)).build(),
        ModelStatisticsResponse.newBuilder().addModelStats(stats("a", "2", 1, 0, 2)).build()));

    assertThat(merged.getModelStatsList()).extracting(s -> s.getName() + ":" + s.getVersion())
        .containsExactly("a:2", "b:1");
    assertThat(merged.getModelStats(0).getBatchStatsList()).extracting(InferBatchStatistics::getBatchSize)
        .containsExactly(1L, 2L);
  }
}
