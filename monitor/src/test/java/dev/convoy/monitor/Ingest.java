package dev.convoy.monitor;

import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.Sample;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sends batches on one Ingest stream and collects the acks. */
public final class Ingest {
  private Ingest() {
  }

  /** Sends each batch as one request (sequence 1, 2, ...), half-closes, and waits for the acks. */
  public static List<IngestAck> send(Channel channel, List<List<Sample>> batches) throws Exception {
    CompletableFuture<List<IngestAck>> done = new CompletableFuture<>();
    List<IngestAck> acks = new ArrayList<>();
    StreamObserver<IngestRequest> requests = MonitorIngestGrpc.newStub(channel).ingest(new StreamObserver<>() {
      @Override
      public void onNext(IngestAck ack) {
        acks.add(ack);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(acks);
      }
    });
    for (int i = 0; i < batches.size(); i++) {
      requests.onNext(IngestRequest.newBuilder().setSequence(i + 1).addAllSamples(batches.get(i)).build());
    }
    requests.onCompleted();
    return done.get(30, TimeUnit.SECONDS);
  }
}
