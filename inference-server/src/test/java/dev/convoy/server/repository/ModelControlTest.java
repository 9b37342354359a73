package dev.convoy.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.SampleModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triton's rules for --model-control-mode and --load-model. */
class ModelControlTest {
  @TempDir Path repository;

  @Test
  void modelsAtStartup_none_everyModel() {
    SampleModels.copy(repository, "digits_mlp", "digits_cnn");
    assertThat(ModelControl.none().modelsAtStartup(new ModelRepository(repository)))
        .containsExactly("digits_cnn", "digits_mlp");
    assertThat(ModelControl.none().allowsLoadAndUnload()).isFalse();
  }

  @Test
  void modelsAtStartup_explicit_onlyThoseNamedOrAllWithStar() {
    SampleModels.copy(repository, "digits_mlp", "digits_cnn");
    ModelRepository models = new ModelRepository(repository);
    assertThat(ModelControl.explicit().modelsAtStartup(models)).isEmpty();
    assertThat(ModelControl.explicit("digits_mlp").modelsAtStartup(models)).containsExactly("digits_mlp");
    assertThat(ModelControl.explicit(ModelControl.ALL).modelsAtStartup(models)).containsExactly("digits_cnn", "digits_mlp");
    assertThat(ModelControl.explicit().allowsLoadAndUnload()).isTrue();
  }

  @Test
  void new_loadModelWithModeNoneOrStarWithOthers_refused() {
    assertThatThrownBy(() -> new ModelControl(ModelControl.Mode.NONE, java.util.List.of("digits_mlp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model-control-mode explicit");
    assertThatThrownBy(() -> ModelControl.explicit("*", "digits_mlp"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only --load-model");
  }
}
