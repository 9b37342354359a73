package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexMergerTest {
  private static ModelIndex row(String name, String version, String state, String reason) {
    return ModelIndex.newBuilder().setName(name).setVersion(version).setState(state).setReason(reason).build();
  }

  private static RepositoryIndexResponse index(ModelIndex... rows) {
    return RepositoryIndexResponse.newBuilder().addAllModels(List.of(rows)).build();
  }

  @Test
  void merge_sameModelOnTwoBackends_oneRow() {
    RepositoryIndexResponse merged = IndexMerger.merge(List.of(
        index(row("a", "1", "READY", "")), index(row("a", "1", "READY", ""))));

    assertThat(merged.getModelsList()).containsExactly(row("a", "1", "READY", ""));
  }

  @Test
  void merge_readyAnywhere_isReady() {
    RepositoryIndexResponse merged = IndexMerger.merge(List.of(
        index(row("a", "1", "UNAVAILABLE", "load failed")), index(row("a", "1", "READY", ""))));

    assertThat(merged.getModelsList()).containsExactly(row("a", "1", "READY", ""));
  }

  @Test
  void merge_readyNowhere_firstStateStands() {
    RepositoryIndexResponse merged = IndexMerger.merge(List.of(
        index(row("a", "1", "LOADING", "")), index(row("a", "1", "UNAVAILABLE", "x"))));

    assertThat(merged.getModelsList()).containsExactly(row("a", "1", "LOADING", ""));
  }

  @Test
  void merge_unversionedRowOfModelWithVersionsElsewhere_dropped() {
    RepositoryIndexResponse merged = IndexMerger.merge(List.of(
        index(row("a", "", "UNAVAILABLE", "not loaded"), row("b", "", "UNAVAILABLE", "not loaded")),
        index(row("a", "2", "READY", ""))));

    assertThat(merged.getModelsList()).containsExactly(
        row("a", "2", "READY", ""), row("b", "", "UNAVAILABLE", "not loaded"));
  }

  @Test
  void merge_rows_sortedByNameThenNumericVersion() {
    RepositoryIndexResponse merged = IndexMerger.merge(List.of(
        index(row("b", "10", "READY", ""), row("a", "1", "READY", "")),
        index(row("b", "9", "READY", ""))));

    assertThat(merged.getModelsList()).extracting(r -> r.getName() + ":" + r.getVersion())
        .containsExactly("a:1", "b:9", "b:10");
  }

  @Test
  void mergeBytes_roundTrips() throws Exception {
    byte[] merged = IndexMerger.mergeBytes(List.of(index(row("a", "1", "READY", "")).toByteArray(),
        index(row("c", "1", "READY", "")).toByteArray()));

    assertThat(RepositoryIndexResponse.parseFrom(merged).getModelsCount()).isEqualTo(2);
  }
}
