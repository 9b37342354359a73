package dev.convoy.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.ModelVersionPolicy;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {
  private static final TreeSet<Long> AVAILABLE = new TreeSet<>(java.util.List.of(1L, 2L, 5L));

  @Test
  void select_default_highestVersion() {
    assertThat(VersionPolicy.select(ModelVersionPolicy.getDefaultInstance(), AVAILABLE)).containsExactly(5L);
  }

  @Test
  void select_latestTwo_twoHighest() {
    ModelVersionPolicy latest = ModelVersionPolicy.newBuilder()
        .setLatest(ModelVersionPolicy.Latest.newBuilder().setNumVersions(2)).build();
    assertThat(VersionPolicy.select(latest, AVAILABLE)).containsExactly(2L, 5L);
  }

  @Test
  void select_all_everyVersion() {
    ModelVersionPolicy all = ModelVersionPolicy.newBuilder().setAll(ModelVersionPolicy.All.getDefaultInstance()).build();
    assertThat(VersionPolicy.select(all, AVAILABLE)).containsExactly(1L, 2L, 5L);
  }

  @Test
  void select_specific_onlyThosePresent() {
    ModelVersionPolicy specific = ModelVersionPolicy.newBuilder()
        .setSpecific(ModelVersionPolicy.Specific.newBuilder().addVersions(1).addVersions(3)).build();
    assertThat(VersionPolicy.select(specific, AVAILABLE)).containsExactly(1L);
  }
}
