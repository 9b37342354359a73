package dev.convoy.loadtest;

import com.google.protobuf.Message;
import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.loadtest.h2.RawH2Connections;
import dev.convoy.loadtest.h2.RawH2LoadCall;
import dev.convoy.loadtest.schema.CallTarget;
import io.grpc.Metadata;
import java.util.List;
import java.util.function.Consumer;

/** Unary calls on the raw engine's own connections, closed with the call. */
final class RawCall implements AsyncLoadCall, AutoCloseable {

  private final RawH2Connections connections;
  private final RawH2LoadCall call;

  private RawCall(RawH2Connections connections, RawH2LoadCall call) {
    this.connections = connections;
    this.call = call;
  }

  /** Connects the raw engine; the grpc-java channel stays for the checks made before. */
  static RawCall open(RunSettings settings, CallTarget target, List<Message> requests,
      Metadata headers) throws ServerUnreachableException, InterruptedException {
    RawH2Connections connections = RawH2Connections.open(settings.channel());
    try {
      return new RawCall(connections,
          new RawH2LoadCall(connections, target.method(), requests, settings.timeout(), headers));
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) throws Exception {
    call.start(slot, index, done);
  }

  @Override
  public void close() throws InterruptedException {
    connections.close();
  }
}
