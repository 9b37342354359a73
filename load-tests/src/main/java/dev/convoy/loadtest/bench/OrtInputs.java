package dev.convoy.loadtest.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.convoy.loadtest.input.RowsCsv;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Input batches for an in-process session, built from the data rows before the run so that
 * building them costs nothing during it: a few different batches (the served rows send
 * different rows too), cycled by call index.
 */
final class OrtInputs implements AutoCloseable {

  /** Enough different batches that no single batch is all the run sees. */
  private static final int MAX_BATCHES = 16;

  private final String inputName;
  private final List<OnnxTensor> batches;

  private OrtInputs(String inputName, List<OnnxTensor> batches) {
    this.inputName = inputName;
    this.batches = batches;
  }

  /**
   * Batches of {@code batchSize} rows for the session's only input, which must be FP32 with a
   * leading batch dimension and as many values per row as the file has columns.
   *
   * @throws NotRunException when the model's input does not fit the rows
   */
  static OrtInputs build(OrtEnvironment env, OrtSession session, RowsCsv rows, int batchSize)
      throws OrtException, NotRunException {
    if (session.getNumInputs() != 1) {
      throw new NotRunException("in-process rows feed one input; the model has "
          + session.getNumInputs());
    }
    NodeInfo input = session.getInputInfo().values().iterator().next();
    if (!(input.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
      throw new NotRunException("input '" + input.getName() + "' is not an FP32 tensor");
    }
    long[] shape = concreteShape(tensor.getShape(), batchSize);
    long perRow = 1;
    for (int d = 1; d < shape.length; d++) {
      perRow *= shape[d];
    }
    if (perRow != rows.columns().size()) {
      throw new NotRunException("input '" + input.getName() + "' takes " + perRow
          + " values per row; " + rows.file().getFileName() + " has " + rows.columns().size());
    }
    int count = Math.max(1, Math.min(MAX_BATCHES, rows.rows().size() / batchSize));
    List<OnnxTensor> batches = new ArrayList<>();
    try {
      for (int b = 0; b < count; b++) {
        FloatBuffer values = FloatBuffer.allocate(Math.toIntExact(perRow * batchSize));
        for (int r = 0; r < batchSize; r++) {
          RowsCsv.Row row = rows.rows().get((b * batchSize + r) % rows.rows().size());
          for (String value : row.values()) {
            values.put(Float.parseFloat(value));
          }
        }
        batches.add(OnnxTensor.createTensor(env, values.flip(), shape));
      }
    } catch (NumberFormatException e) {
      batches.forEach(OnnxTensor::close);
      throw new NotRunException("a value in " + rows.file().getFileName() + " is not a number", e);
    }
    return new OrtInputs(input.getName(), batches);
  }

  /** A leading -1 is the batch dimension; any other -1 must be 1. */
  private static long[] concreteShape(long[] modelShape, int batchSize) throws NotRunException {
    if (modelShape.length < 2 || modelShape[0] != -1) {
      throw new NotRunException("input shape " + Arrays.toString(modelShape)
          + " has no leading batch dimension");
    }
    long[] shape = modelShape.clone();
    shape[0] = batchSize;
    for (int d = 1; d < shape.length; d++) {
      shape[d] = shape[d] < 0 ? 1 : shape[d];
    }
    return shape;
  }

  String inputName() {
    return inputName;
  }

  OnnxTensor batch(long index) {
    return batches.get((int) Math.floorMod(index, (long) batches.size()));
  }

  @Override
  public void close() {
    batches.forEach(OnnxTensor::close);
  }
}
