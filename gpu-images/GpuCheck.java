import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client half of gpu-check, run as a single-file program on the server's class path
 * ({@code java -cp 'inference-server/target/lib/*' gpu-images/GpuCheck.java ...}):
 *
 * <pre>
 * compare HOST:PORT HOST:PORT CSV MODEL INPUT DIMS TOLERANCE
 *     the held-out rows through the same model on two servers; fails when any probability
 *     differs by more than TOLERANCE, and prints the largest difference and both accuracies
 * devices METRICS_URL MODEL
 *     the devices the model's instances ran on, from convoy_instance_busy_seconds_total
 * </pre>
 */
public final class GpuCheck {
  private static final int ROWS_PER_REQUEST = 32;
  private static final int CLASSES = 10;

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "compare" -> System.exit(compare(args[1], args[2], Path.of(args[3]), args[4], args[5], args[6],
          Float.parseFloat(args[7])));
      case "devices" -> System.out.println(String.join(" ", devices(args[1], args[2])));
      default -> {
        System.err.println("usage: GpuCheck compare CPU GPU CSV MODEL INPUT DIMS TOLERANCE | devices METRICS_URL MODEL");
        System.exit(2);
      }
    }
  }

  private static int compare(String cpu, String gpu, Path csv, String model, String input, String dims,
      float tolerance) throws Exception {
    List<String> rows = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).toList();
    ManagedChannel cpuChannel = ManagedChannelBuilder.forTarget(cpu).usePlaintext().build();
    ManagedChannel gpuChannel = ManagedChannelBuilder.forTarget(gpu).usePlaintext().build();
    try {
      float maxDiff = 0;
      int cpuCorrect = 0;
      int gpuCorrect = 0;
      for (int start = 0; start < rows.size(); start += ROWS_PER_REQUEST) {
        List<String> chunk = rows.subList(start, Math.min(rows.size(), start + ROWS_PER_REQUEST));
        ModelInferRequest request = request(model, input, dims, chunk);
        float[] onCpu = probabilities(stub(cpuChannel), request);
        float[] onGpu = probabilities(stub(gpuChannel), request);
        for (int i = 0; i < onCpu.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(onCpu[i] - onGpu[i]));
        }
        for (int r = 0; r < chunk.size(); r++) {
          int label = Integer.parseInt(chunk.get(r).split(",")[0]);
          cpuCorrect += argmax(onCpu, r) == label ? 1 : 0;
          gpuCorrect += argmax(onGpu, r) == label ? 1 : 0;
        }
      }
      boolean same = maxDiff <= tolerance;
      System.out.printf("%s: %d rows, max |p_gpu - p_cpu| = %.2e (tolerance %.0e) %s; correct cpu %d, gpu %d%n",
          model, rows.size(), maxDiff, tolerance, same ? "OK" : "DIFFERS", cpuCorrect, gpuCorrect);
      return same ? 0 : 1;
    } finally {
      cpuChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      gpuChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static GRPCInferenceServiceBlockingStub stub(ManagedChannel channel) {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static ModelInferRequest request(String model, String input, String dims, List<String> rows) {
    ByteBuffer raw = ByteBuffer.allocate(rows.size() * 64 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (String row : rows) {
      String[] cells = row.split(",");
      for (int c = 1; c < cells.length; c++) {
        raw.putFloat(Float.parseFloat(cells[c]));
      }
    }
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder()
        .setName(input).setDatatype("FP32").addShape(rows.size());
    for (String dim : dims.split(":")) {
      tensor.addShape(Long.parseLong(dim));
    }
    request.addOutputsBuilder().setName("probabilities");
    return request.addRawInputContents(ByteString.copyFrom(raw.flip())).build();
  }

  private static float[] probabilities(GRPCInferenceServiceBlockingStub stub, ModelInferRequest request) {
    ByteBuffer bytes = stub.modelInfer(request).getRawOutputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  private static int argmax(float[] values, int row) {
    int best = 0;
    for (int i = 1; i < CLASSES; i++) {
      if (values[row * CLASSES + i] > values[row * CLASSES + best]) {
        best = i;
      }
    }
    return best;
  }

  private static TreeSet<String> devices(String metricsUrl, String model) throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Pattern sample = Pattern.compile("^convoy_instance_busy_seconds_total\\{([^}]*)\\}", Pattern.MULTILINE);
    Pattern device = Pattern.compile("device=\"([^\"]*)\"");
    TreeSet<String> found = new TreeSet<>();
    Matcher m = sample.matcher(text);
    while (m.find()) {
      if (m.group(1).contains("model=\"" + model + "\"")) {
        Matcher d = device.matcher(m.group(1));
        if (d.find()) {
          found.add(d.group(1));
        }
      }
    }
    return found;
  }
}
