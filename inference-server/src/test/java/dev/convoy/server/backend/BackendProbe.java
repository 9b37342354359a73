package dev.convoy.server.backend;

import dev.convoy.server.SampleModels;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import dev.convoy.server.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/**
 * In-process side-by-side probe: a model and its TorchScript twin ({@code <model>_pt}), each on
 * one instance of its backend with one intra-op thread, timed over the same batches. Prints
 * microseconds per batch and rows per second for each, and DJL / ONNX Runtime. A benchmark
 * program, not a test:
 *
 * <pre>
 * mvn -B -q -pl inference-server -am -DskipTests package test-compile
 * java -cp 'inference-server/target/test-classes:inference-server/target/classes:inference-server/target/lib/*' \
 *     -Dconvoy.models.dir=models dev.convoy.server.backend.BackendProbe digits_wide 1,32,128 2000
 * </pre>
 */
public final class BackendProbe {
  private BackendProbe() {}

  public static void main(String[] args) throws IOException {
    String model = args.length > 0 ? args[0] : "digits_mlp";
    List<Integer> batches = List.of((args.length > 1 ? args[1] : "1,32,128").split(",")).stream()
        .map(Integer::parseInt).toList();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    ModelBackend backends = SampleModels.backends();
    System.out.printf("%-20s %6s %14s %14s %12s%n", "model", "batch", "µs/batch", "rows/s", "djl/ort");
    try (ModelInstance onnx = load(backends, model); ModelInstance torch = load(backends, model + "_pt")) {
      ModelSpec spec = spec(model);
      for (int batch : batches) {
        List<Tensor> inputs = zeros(spec, batch);
        double ort = microsPerRun(onnx, spec, inputs, runs);
        double djl = microsPerRun(torch, spec, inputs, runs);
        System.out.printf("%-20s %6d %14.1f %14.0f %12s%n", model + " ort", batch, ort, batch * 1e6 / ort, "");
        System.out.printf("%-20s %6d %14.1f %14.0f %11.2fx%n", model + "_pt djl", batch, djl, batch * 1e6 / djl, djl / ort);
      }
    }
  }

  private static double microsPerRun(ModelInstance instance, ModelSpec spec, List<Tensor> inputs, int runs) {
    List<String> outputs = spec.outputs().stream().map(TensorSpec::name).toList();
    for (int i = 0; i < Math.max(50, runs / 10); i++) {
      instance.run(inputs, outputs);
    }
    long[] nanos = LongStream.range(0, runs).map(i -> {
      long start = System.nanoTime();
      instance.run(inputs, outputs);
      return System.nanoTime() - start;
    }).sorted().toArray();
    return nanos[nanos.length / 2] / 1e3;
  }

  private static ModelInstance load(ModelBackend backends, String model) throws IOException {
    Path dir = SampleModels.repository().resolve(model);
    return backends.load(spec(model), dir.resolve("1"),
        new InstanceGroup("probe", InstanceGroup.Device.CPU, 1, List.of()), -1);
  }

  private static ModelSpec spec(String model) throws IOException {
    return ModelConfigParser.parse(model, Files.readString(SampleModels.repository().resolve(model).resolve("config.pbtxt")));
  }

  private static List<Tensor> zeros(ModelSpec spec, int batch) {
    return spec.inputs().stream().map(input -> {
      long[] shape = LongStream.concat(LongStream.of(batch), LongStream.of(input.dims())).toArray();
      long elements = LongStream.of(shape).reduce(1, (a, b) -> a * b);
      ByteBuffer data = ByteBuffer.allocate((int) elements * input.type().elementSize()).order(ByteOrder.LITTLE_ENDIAN);
      return new Tensor(input.name(), input.type(), shape, data);
    }).toList();
  }
}
