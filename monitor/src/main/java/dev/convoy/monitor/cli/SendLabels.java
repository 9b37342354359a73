package dev.convoy.monitor.cli;

import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.proto.monitor.v1.Label;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.SubmitLabelsRequest;
import dev.convoy.proto.monitor.v1.SubmitLabelsResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sends a CSV's {@code label} column to the monitor, by request id {@code <prefix><row>}. */
@Command(name = "labels", mixinStandardHelpOptions = true,
    description = "Send ground-truth labels from a CSV's label column to the monitor, by request id.")
public final class SendLabels implements Callable<Integer> {
  private static final int PER_CALL = 1000;

  @Option(names = "--monitor", defaultValue = "localhost:8004", description = "The monitor (default ${DEFAULT-VALUE}).")
  private String monitor;

  @Option(names = "--csv", required = true)
  private Path csv;

  @Option(names = "--id-prefix", defaultValue = "row-", description = "Request ids are PREFIX + row number.")
  private String prefix;

  @Option(names = "--model", defaultValue = "", description = "Join only samples of this model.")
  private String model;

  @Override
  public Integer call() throws InterruptedException {
    List<ReferenceRow> rows = CsvRows.read(csv);
    ManagedChannel channel = NettyChannelBuilder.forTarget(monitor).usePlaintext().build();
    try {
      var stub = MonitorIngestGrpc.newBlockingStub(channel);
      int joined = 0;
      int unknown = 0;
      int late = 0;
      for (int start = 0; start < rows.size(); start += PER_CALL) {
        SubmitLabelsRequest.Builder request = SubmitLabelsRequest.newBuilder();
        for (int i = start; i < Math.min(start + PER_CALL, rows.size()); i++) {
          request.addLabels(Label.newBuilder().setRequestId(CsvRows.requestId(prefix, i))
              .setLabel(rows.get(i).label()).setModelName(model));
        }
        SubmitLabelsResponse response = stub.withDeadlineAfter(30, TimeUnit.SECONDS).submitLabels(request.build());
        joined += response.getJoined();
        unknown += response.getUnknown();
        late += response.getLate();
      }
      System.out.println("labels: " + joined + " joined, " + unknown + " unknown, " + late + " late");
      return 0;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
