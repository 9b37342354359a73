package dev.convoy.loadtest.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.engine.LoadCall;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.input.RowsCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's PyTorch engine with nothing around it: the TorchScript {@code model.pt} of a model's
 * latest version, one predictor, one intra-op and one inter-op thread, called in a closed loop
 * from one thread: the in-process limit a served TorchScript row is read against, as
 * {@link InProcessProbe} is for ONNX Runtime. Offline: libtorch comes from the natives jar on
 * the class path.
 */
final class DjlInProcessProbe implements Probe {

  private static final String MODEL_FILE = "model.pt";
  private static final int MAX_BATCHES = 16;

  private final String model;
  private final InProcessProbe.BatchSize batchSize;

  private DjlInProcessProbe(String model, InProcessProbe.BatchSize batchSize) {
    this.model = model;
    this.batchSize = batchSize;
  }

  static DjlInProcessProbe fixed(String model, int batchSize) {
    return new DjlInProcessProbe(model, context -> batchSize);
  }

  /** At the batch size the server executed during row {@code servedRowId}. */
  static DjlInProcessProbe atFormedBatch(String model, String servedRowId) {
    return new DjlInProcessProbe(model,
        context -> InProcessProbe.formedBatch(context, servedRowId));
  }

  @Override
  public Measurement measure(BenchContext context) throws Exception {
    context.targets().stopAll(); // an idle server must not share the cores with this row
    int batch = batchSize.resolve(context);
    Engine engine = engine();
    try (Model torch = Model.newInstance(model, Device.cpu(), engine.getEngineName());
        NDManager inputs = engine.newBaseManager()) {
      torch.load(InProcessProbe.latestModelFile(context, model, MODEL_FILE));
      List<NDList> batches = batches(inputs, context.rows(), batch);
      try (Predictor<NDList, NDList> predictor = torch.newPredictor(new NoopTranslator())) {
        LoadCall call = (worker, index) -> {
          try (NDList ignored = predictor.predict(batches.get((int) (index % batches.size())))) {
            return CallOutcome.ok();
          }
        };
        context.warmUp(1, call);
        LoadResult result = context.measure(1, call);
        return Measurement.of(result, batch, null);
      }
    }
  }

  /** DJL's PyTorch engine, offline, with the threads the ONNX Runtime rows use. */
  private static synchronized Engine engine() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.pytorch.num_threads",
        Integer.toString(BenchSettings.IN_PROCESS_INTRA_OP_THREADS));
    return Engine.getEngine("PyTorch");
  }

  /** A few different [batch, columns] FP32 batches of the data rows, cycled by call index. */
  private static List<NDList> batches(NDManager manager, RowsCsv rows, int batch)
      throws NotRunException {
    int columns = rows.columns().size();
    int count = Math.max(1, Math.min(MAX_BATCHES, rows.rows().size() / batch));
    List<NDList> batches = new ArrayList<>();
    try {
      for (int b = 0; b < count; b++) {
        float[] values = new float[batch * columns];
        for (int r = 0; r < batch; r++) {
          List<String> row = rows.rows().get((b * batch + r) % rows.rows().size()).values();
          for (int k = 0; k < columns; k++) {
            values[r * columns + k] = Float.parseFloat(row.get(k));
          }
        }
        batches.add(new NDList(manager.create(values, new Shape(batch, columns))));
      }
    } catch (NumberFormatException e) {
      throw new NotRunException("a value in " + rows.file().getFileName() + " is not a number", e);
    }
    return batches;
  }
}
