package dev.convoy.loadtest.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.engine.LoadCall;
import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ONNX Runtime with nothing around it: one {@code OrtSession} on the model file (one intra-op
 * thread, the server's optimisation level), called in a closed loop from one thread. It is the
 * limit a served row is read against at the same batch size.
 */
public final class InProcessProbe implements Probe {

  /** Where the batch size comes from: fixed, or read from an earlier row. */
  @FunctionalInterface
  interface BatchSize {
    int resolve(BenchContext context) throws NotRunException;
  }

  private static final String MODEL_FILE = "model.onnx";

  private final String model;
  private final BatchSize batchSize;

  private InProcessProbe(String model, BatchSize batchSize) {
    this.model = model;
    this.batchSize = batchSize;
  }

  public static InProcessProbe fixed(String model, int batchSize) {
    return new InProcessProbe(model, context -> batchSize);
  }

  /**
   * At the batch size the server executed during row {@code servedRowId} (the average, see
   * {@link BatchObservation#representativeBatch()}): the in-process limit at the batch the
   * batcher forms.
   */
  public static InProcessProbe atFormedBatch(String model, String servedRowId) {
    return new InProcessProbe(model, context -> formedBatch(context, servedRowId));
  }

  @Override
  public Measurement measure(BenchContext context) throws Exception {
    context.targets().stopAll(); // an idle server must not share the cores with this row
    int batch = batchSize.resolve(context);
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions options = sessionOptions();
        OrtSession session = env.createSession(modelFile(context).toString(), options);
        OrtInputs inputs = OrtInputs.build(env, session, context.rows(), batch)) {
      LoadCall call = (worker, index) -> {
        try (OrtSession.Result ignored =
            session.run(Map.of(inputs.inputName(), inputs.batch(index)))) {
          return CallOutcome.ok();
        }
      };
      context.warmUp(1, call);
      LoadResult result = context.measure(1, call);
      return Measurement.of(result, batch, null);
    }
  }

  /**
   * The process's ONNX Runtime environment, asked for with the server backend's name and log
   * level: asking with others makes ONNX Runtime log a warning, as there is only one.
   */
  static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "convoy");
  }

  private static OrtSession.SessionOptions sessionOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(BenchSettings.IN_PROCESS_INTRA_OP_THREADS);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return options;
  }

  /** The latest version's model file, the one the server serves by default. */
  private Path modelFile(BenchContext context) throws NotRunException, IOException {
    return latestModelFile(context, model, MODEL_FILE);
  }

  /** {@code file} of the model's latest version in the bench's repository. */
  static Path latestModelFile(BenchContext context, String model, String file)
      throws NotRunException, IOException {
    Path modelDir = context.settings().repository().resolve(model);
    if (!Files.isDirectory(modelDir)) {
      throw new NotRunException("no model '" + model + "' in " + context.settings().repository());
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      return children
          .filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
          .map(p -> p.resolve(file))
          .filter(Files::isRegularFile)
          .orElseThrow(() -> new NotRunException("model '" + model + "' has no version with "
              + file));
    }
  }

  static int formedBatch(BenchContext context, String rowId) throws NotRunException {
    RowResult source = context.result(rowId)
        .orElseThrow(() -> new NotRunException("needs row " + rowId + ", which was not selected"));
    if (!source.ran()) {
      throw new NotRunException("needs row " + rowId + ", which did not run");
    }
    BatchObservation batch = source.measurement().batch();
    if (batch == null || batch.executions() == 0) {
      throw new NotRunException("row " + rowId + " saw no model executions");
    }
    return batch.representativeBatch();
  }
}
