package dev.convoy.router.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerOfTwoChooserTest {
  private final PowerOfTwoChooser chooser = new PowerOfTwoChooser(new SplittableRandom(42));

  @Test
  void choose_oneCandidate_returnsIt() {
    Load only = Load.cpu("a", 1, 100);

    assertThat(chooser.choose(List.of(only))).isSameAs(only);
  }

  @Test
  void choose_noCandidates_throws() {
    assertThatThrownBy(() -> chooser.choose(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void choose_twoCandidates_alwaysTheOneLessLoadedWithTheRequest() {
    // (5+1)/4 = 1.5 beats (2+1)/1 = 3, although 5 > 2 in absolute terms.
    Load heavy = Load.cpu("heavy", 4, 5);
    Load light = Load.cpu("light", 1, 2);

    for (int i = 0; i < 200; i++) {
      assertThat(chooser.choose(List.of(heavy, light))).isSameAs(heavy);
    }
  }

  @Test
  void choose_mostLoadedOfThree_neverChosen() {
    List<Load> candidates = List.of(Load.cpu("a", 1, 1), Load.cpu("b", 1, 2), Load.cpu("c", 1, 9));
    Map<String, Integer> counts = count(candidates, 3000);

    assertThat(counts).doesNotContainKey("c");
    // a wins whenever it is sampled (2 of 3 pairs); b only in the pair (b, c).
    assertThat(counts.get("a")).isBetween(1800, 2200);
    assertThat(counts.get("b")).isBetween(800, 1200);
  }

  @Test
  void choose_bothIdle_heavierWeightWins() {
    // (0+1)/3 < (0+1)/1
    Load big = Load.cpu("big", 3, 0);
    Load small = Load.cpu("small", 1, 0);

    for (int i = 0; i < 100; i++) {
      assertThat(chooser.choose(List.of(small, big))).isSameAs(big);
    }
  }

  @Test
  void choose_heavierUpToItsShare_thenLighter() {
    // (2+1)/3 == (0+1)/1 is a tie; (3+1)/3 > (0+1)/1 goes to the lighter one.
    Load small = Load.cpu("small", 1, 0);

    assertThat(chooser.choose(List.of(Load.cpu("big", 3, 1), small)).name()).isEqualTo("big");
    assertThat(chooser.choose(List.of(Load.cpu("big", 3, 3), small)).name()).isEqualTo("small");
  }

  @Test
  void choose_equalLoadWithTheRequest_tieSplitByWeight() {
    // (5+1)/3 == (1+1)/1
    List<Load> candidates = List.of(Load.cpu("big", 3, 5), Load.cpu("small", 1, 1));
    Map<String, Integer> counts = count(candidates, 4000);

    assertThat(counts.get("big")).isBetween(2800, 3200);
    assertThat(counts.get("small")).isBetween(800, 1200);
  }

  @Test
  void choose_sameSeed_sameChoices() {
    List<Load> candidates = List.of(Load.cpu("a", 1, 0), Load.cpu("b", 1, 0), Load.cpu("c", 2, 0));
    PowerOfTwoChooser first = new PowerOfTwoChooser(new SplittableRandom(7));
    PowerOfTwoChooser second = new PowerOfTwoChooser(new SplittableRandom(7));

    for (int i = 0; i < 100; i++) {
      assertThat(first.choose(candidates)).isSameAs(second.choose(candidates));
    }
  }

  private Map<String, Integer> count(List<Load> candidates, int rounds) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < rounds; i++) {
      counts.merge(chooser.choose(candidates).name(), 1, Integer::sum);
    }
    return counts;
  }
}
