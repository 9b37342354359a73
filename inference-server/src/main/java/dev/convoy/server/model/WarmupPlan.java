package dev.convoy.server.model;

import dev.convoy.proto.inference.ModelWarmup;
import dev.convoy.server.error.InvalidModelConfigException;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.tensor.BytesElements;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;
import dev.convoy.server.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The inputs each instance runs before its model reports ready: the config's
 * {@code model_warmup} entries, or, for a model whose inputs are all numeric, zero inputs at
 * every batch size the batcher may form. Zeros are a valid input to any numeric model; no
 * generated string is valid for every model that parses its strings, so a model with a BYTES
 * input and no {@code model_warmup} is not warmed up, as Triton does not warm up without one.
 */
public final class WarmupPlan {
  /** Seeded so that warm-up is the same on every start. */
  private static final long RANDOM_SEED = 20261125L;

  /** One warm-up sample, run {@code count} times on each instance. */
  public record Run(String name, List<Tensor> inputs, int count) {
    public Run {
      inputs = List.copyOf(inputs);
    }
  }

  private WarmupPlan() {}

  /**
   * @param modelDir the model's directory; {@code input_data_file} is read from its warmup/
   * @param batchSizes the batch sizes the batcher forms, for the generated plan
   */
  public static List<Run> of(ModelSpec spec, Path modelDir, SortedSet<Integer> batchSizes) {
    List<ModelWarmup> configured = spec.config().getModelWarmupList();
    if (configured.isEmpty()) {
      return generated(spec, batchSizes);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      runs.add(fromConfig(spec, modelDir, "model_warmup[" + i + "]", configured.get(i)));
    }
    return runs;
  }

  private static List<Run> generated(ModelSpec spec, SortedSet<Integer> batchSizes) {
    if (!spec.inputs().stream().allMatch(in -> in.type().isFixedSize())) {
      return List.of();
    }
    SortedSet<Integer> sizes = spec.batched() ? batchSizes : new TreeSet<>(Collections.singleton(0));
    List<Run> runs = new ArrayList<>();
    for (int batch : sizes) {
      List<Tensor> inputs = spec.inputs().stream().map(in -> zeros(in, shapeOf(in.dims(), batch))).toList();
      runs.add(new Run("generated batch " + batch, inputs, 1));
    }
    return runs;
  }

  private static Run fromConfig(ModelSpec spec, Path modelDir, String field, ModelWarmup warmup) {
    if (spec.batched() ? warmup.getBatchSize() < 1 || warmup.getBatchSize() > spec.maxBatchSize()
        : warmup.getBatchSize() != 0) {
      throw invalid(spec, field + ".batch_size", "must be " + (spec.batched()
          ? "in 1.." + spec.maxBatchSize() : "0 for a model without batching") + ", got " + warmup.getBatchSize());
    }
    Map<String, ModelWarmup.Input> given = warmup.getInputsMap();
    for (String name : given.keySet()) {
      if (spec.input(name).isEmpty()) {
        throw invalid(spec, field + ".inputs[\"" + name + "\"]", "is not an input of the model");
      }
    }
    List<Tensor> inputs = new ArrayList<>();
    for (TensorSpec input : spec.inputs()) {
      String inputField = field + ".inputs[\"" + input.name() + "\"]";
      ModelWarmup.Input data = given.get(input.name());
      if (data == null) {
        throw invalid(spec, inputField, "is missing: warm-up needs every input");
      }
      inputs.add(warmupTensor(spec, modelDir, inputField, input, data, warmup.getBatchSize()));
    }
    String name = warmup.getName().isEmpty() ? field : warmup.getName();
    return new Run(name, inputs, Math.max(1, warmup.getCount()));
  }

  private static Tensor warmupTensor(ModelSpec spec, Path modelDir, String field, TensorSpec input,
      ModelWarmup.Input data, int batch) {
    if (DataType.fromConfigType(data.getDataType()).filter(t -> t == input.type()).isEmpty()) {
      throw invalid(spec, field + ".data_type", "must be " + input.type().configType() + ", got " + data.getDataType());
    }
    long[] dims = data.getDimsList().stream().mapToLong(Long::longValue).toArray();
    if (!Shapes.matches(input.dims(), dims) || dims.length == 0 && input.dims().length > 0) {
      throw invalid(spec, field + ".dims", Shapes.format(dims) + " does not fit " + Shapes.format(input.dims()));
    }
    long[] shape = shapeOf(dims, batch);
    return switch (data.getInputDataTypeCase()) {
      case ZERO_DATA -> zeros(input, shape);
      case RANDOM_DATA -> random(input, shape);
      case INPUT_DATA_FILE -> fromFile(spec, modelDir, field, input, shape, data.getInputDataFile());
      case INPUTDATATYPE_NOT_SET -> throw invalid(spec, field, "needs zero_data, random_data or input_data_file");
    };
  }

  private static long[] shapeOf(long[] dims, int batch) {
    long[] variableAsOne = java.util.Arrays.stream(dims).map(d -> d == -1 ? 1 : d).toArray();
    if (batch == 0) {
      return variableAsOne;
    }
    long[] shape = new long[dims.length + 1];
    shape[0] = batch;
    System.arraycopy(variableAsOne, 0, shape, 1, dims.length);
    return shape;
  }

  private static Tensor zeros(TensorSpec input, long[] shape) {
    int count = Math.toIntExact(Shapes.elementCount(shape));
    ByteBuffer data = input.type().isFixedSize()
        ? ByteBuffer.allocate(count * input.type().elementSize())
        : BytesElements.encode(Collections.nCopies(count, new byte[0]));
    return new Tensor(input.name(), input.type(), shape, data);
  }

  private static Tensor random(TensorSpec input, long[] shape) {
    Random random = new Random(RANDOM_SEED);
    int count = Math.toIntExact(Shapes.elementCount(shape));
    if (!input.type().isFixedSize()) {
      // Triton's rule: random_data for a STRING input falls back to zero_data.
      return zeros(input, shape);
    }
    ByteBuffer data = ByteBuffer.allocate(count * input.type().elementSize()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      switch (input.type()) {
        case FP32 -> data.putFloat(random.nextFloat());
        case FP64 -> data.putDouble(random.nextDouble());
        case BOOL -> data.put((byte) (random.nextBoolean() ? 1 : 0));
        // Half floats: random bits in [0, 1) keep clear of NaN and infinity.
        case FP16, BF16 -> data.putShort((short) random.nextInt(input.type() == DataType.FP16 ? 0x3C00 : 0x3F80));
        default -> {
          byte[] bytes = new byte[input.type().elementSize()];
          random.nextBytes(bytes);
          data.put(bytes);
        }
      }
    }
    return new Tensor(input.name(), input.type(), shape, data.flip());
  }

  private static Tensor fromFile(ModelSpec spec, Path modelDir, String field, TensorSpec input, long[] shape, String file) {
    Path path = warmupFile(modelDir, file)
        .orElseThrow(() -> invalid(spec, field + ".input_data_file", "'" + file.replace('\0', '?')
            + "' is not a file in the model's warmup/ directory"));
    try {
      ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(path));
      long expected = Shapes.elementCount(shape) * input.type().elementSize();
      if (input.type().isFixedSize() && data.remaining() != expected) {
        throw invalid(spec, field + ".input_data_file", "'" + file + "' holds " + data.remaining()
            + " bytes; " + input.type() + " " + Shapes.format(shape) + " needs " + expected);
      }
      return new Tensor(input.name(), input.type(), shape, data);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + spec.name() + "': cannot read warm-up file '" + file + "': " + e.getMessage(), e);
    }
  }

  /**
   * The file, canonical, if it is a regular file under the model's warmup/ directory both as
   * written and once links are followed (a config given with a load request names it).
   */
  private static Optional<Path> warmupFile(Path modelDir, String file) {
    try {
      Path warmup = modelDir.resolve("warmup");
      Path path = warmup.resolve(file).normalize();
      if (!path.startsWith(warmup) || !Files.isRegularFile(path)) {
        return Optional.empty();
      }
      Path real = path.toRealPath();
      return real.startsWith(warmup.toRealPath()) ? Optional.of(real) : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }

  private static InvalidModelConfigException invalid(ModelSpec spec, String field, String problem) {
    return new InvalidModelConfigException(spec.name(), field, problem);
  }
}
