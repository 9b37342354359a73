package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {
  private final List<String> ran = new ArrayList<>();

  private Runnable log(String name) {
    return () -> ran.add(name);
  }

  @Test
  void inOrder_ordered_laterSeqHeldUntilEarlierReleased() {
    Completions completions = new Completions(true);

    completions.inOrder(1, log("second"));
    completions.runReady();
    assertThat(ran).isEmpty();

    completions.inOrder(0, log("first"));
    completions.runReady();
    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void skip_ordered_gapReleasesWhatFollows() {
    Completions completions = new Completions(true);
    completions.inOrder(2, log("third"));
    completions.inOrder(0, log("first"));

    completions.skip(1);
    completions.runReady();

    assertThat(ran).containsExactly("first", "third");
  }

  @Test
  void now_ordered_runsWithoutWaitingForOrder() {
    Completions completions = new Completions(true);
    completions.inOrder(1, log("held"));

    completions.now(log("refusal"));
    completions.runReady();

    assertThat(ran).containsExactly("refusal");
  }

  @Test
  void inOrder_unordered_runsAsReleased() {
    Completions completions = new Completions(false);

    completions.inOrder(1, log("second"));
    completions.skip(0);
    completions.runReady();

    assertThat(ran).containsExactly("second");
  }
}
