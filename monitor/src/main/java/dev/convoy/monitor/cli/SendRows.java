package dev.convoy.monitor.cli;

import com.google.protobuf.ByteString;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sends each CSV row to a model as one FP32 ModelInfer request with id {@code <prefix><row>}. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send CSV rows (features; a label column is skipped) to a model, one request per row.")
public final class SendRows implements Callable<Integer> {
  @Option(names = "--target", defaultValue = "localhost:8000", description = "Router or server (default ${DEFAULT-VALUE}).")
  private String target;

  @Option(names = "--model", required = true)
  private String model;

  @Option(names = "--input", defaultValue = "input", description = "The model's input name (default ${DEFAULT-VALUE}).")
  private String input;

  @Option(names = "--csv", required = true)
  private Path csv;

  @Option(names = "--id-prefix", defaultValue = "row-", description = "Request ids are PREFIX + row number.")
  private String prefix;

  @Override
  public Integer call() throws InterruptedException {
    List<ReferenceRow> rows = CsvRows.read(csv);
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
      for (int i = 0; i < rows.size(); i++) {
        float[] features = rows.get(i).features();
        ByteBuffer raw = ByteBuffer.allocate(features.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : features) {
          raw.putFloat(f);
        }
        stub.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(ModelInferRequest.newBuilder()
            .setModelName(model).setId(CsvRows.requestId(prefix, i))
            .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(input).setDatatype("FP32")
                .addShape(1).addShape(features.length))
            .addRawInputContents(ByteString.copyFrom(raw.flip()))
            .build());
      }
      System.out.println("sent " + rows.size() + " rows of " + csv + " to " + model + " at " + target);
      return 0;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
