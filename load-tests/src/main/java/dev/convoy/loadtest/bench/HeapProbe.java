package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.grpc.StreamLoadCall;
import dev.convoy.loadtest.grpc.StreamShape;
import io.grpc.Metadata;
import java.util.List;
import java.util.Map;

/**
 * What a long stream leaves on the server's heap: a Convoy server of its own, its heap after a
 * full GC, then {@code rows} 1-row requests over one ModelStreamInfer stream ({@code window}
 * in flight), the stream closed, and the heap after a full GC again. Measured once per run by
 * whichever of its two rows runs first.
 */
final class HeapProbe {

  private final Target.Convoy server;
  private final long rows;
  private final int window;
  private BenchContext measuredIn; // guarded by this
  private Object start; // a Measurement or the Exception; guarded by this
  private Object end; // guarded by this

  HeapProbe(Target.Convoy server, long rows, int window) {
    this.server = server;
    this.rows = rows;
    this.window = window;
  }

  /** The row of the heap before the stream. */
  Probe atStart() {
    return context -> outcome(context, true);
  }

  /** The row of the stream, with the heap after it. */
  Probe afterStream() {
    return context -> outcome(context, false);
  }

  private synchronized Measurement outcome(BenchContext context, boolean first)
      throws Exception {
    if (measuredIn != context) {
      measuredIn = context;
      try {
        measure(context);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        start = e;
        end = e;
      }
    }
    Object outcome = first ? start : end;
    if (outcome instanceof Exception e) {
      throw e;
    }
    return (Measurement) outcome;
  }

  private void measure(BenchContext context) throws Exception {
    context.targets().runOnly(List.of(server));
    RunningTarget running = context.targets().get(server);
    StreamLoadCall call = new StreamLoadCall(running.channels(),
        context.requests(server.model(), 1), StreamShape.windowed(1, window), new Metadata(),
        null, System::nanoTime);
    // A few answered requests first, so that the start is a server that has served.
    context.measureCount(window, window, call);
    Map<Long, Long> before = running.executionsByBatchSize(server.model());
    start = Measurement.countsOnly(0, 0, 0, "").withHeap(running.heapAfterGc());
    LoadResult streamed;
    try {
      streamed = context.measureCount(window, rows, call);
    } finally {
      call.close();
    }
    BatchObservation executed = BatchObservation.between(before,
        running.executionsByBatchSize(server.model()));
    end = Measurement.ofSlices(List.of(streamed), 1, executed).withHeap(running.heapAfterGc());
  }
}
