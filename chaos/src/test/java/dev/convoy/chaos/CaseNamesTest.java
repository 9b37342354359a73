package dev.convoy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseNamesTest {
  @Test
  void caseNames_none_everyCaseInOrder() {
    assertThat(ChaosSuite.caseNames(List.of("--full"))).containsExactly("fuzz", "memory", "faults", "flood", "cancel");
  }

  @Test
  void caseNames_repeated_theNamedOnes() {
    assertThat(ChaosSuite.caseNames(List.of("--case", "flood", "--full", "--case", "faults")))
        .containsExactly("flood", "faults");
  }

  @Test
  void caseNames_unknownOrMissing_listsTheChoices() {
    assertThatThrownBy(() -> ChaosSuite.caseNames(List.of("--case", "floods")))
        .hasMessage("--case takes one of fuzz, memory, faults, flood, cancel; got 'floods'");
    assertThatThrownBy(() -> ChaosSuite.caseNames(List.of("--case"))).hasMessageContaining("got ''");
  }
}
