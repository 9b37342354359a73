package dev.convoy.server.repository;

import java.util.List;

/**
 * Triton's model control modes. {@link Mode#NONE} (the default) loads every model at start-up
 * and refuses RepositoryModelLoad/Unload, so no caller can change what is served;
 * {@link Mode#EXPLICIT} loads only the models named for start-up ({@code *}: all of them) and
 * takes load and unload calls.
 *
 * @param startupModels the models EXPLICIT loads at start-up; empty under NONE
 */
public record ModelControl(Mode mode, List<String> startupModels) {
  /** As {@code --load-model=*}: every model in the repository. */
  public static final String ALL = "*";

  /** Triton's {@code --model-control-mode} values (Convoy has no {@code poll}). */
  public enum Mode { NONE, EXPLICIT }

  public ModelControl {
    startupModels = List.copyOf(startupModels);
    if (mode == Mode.NONE && !startupModels.isEmpty()) {
      throw new IllegalArgumentException("--load-model needs --model-control-mode explicit"
          + " (mode none loads every model)");
    }
    if (startupModels.contains(ALL) && startupModels.size() > 1) {
      throw new IllegalArgumentException("--load-model=* loads every model and must be the only --load-model");
    }
  }

  /** Every model loaded at start-up; load and unload refused. */
  public static ModelControl none() {
    return new ModelControl(Mode.NONE, List.of());
  }

  /** Load and unload allowed; {@code startupModels} (or {@link #ALL}) loaded at start-up. */
  public static ModelControl explicit(String... startupModels) {
    return new ModelControl(Mode.EXPLICIT, List.of(startupModels));
  }

  public boolean allowsLoadAndUnload() {
    return mode == Mode.EXPLICIT;
  }

  /** The models to load at start-up, out of those the repository holds. */
  public List<String> modelsAtStartup(ModelRepository repository) {
    return mode == Mode.NONE || startupModels.equals(List.of(ALL)) ? repository.modelNames() : startupModels;
  }
}
