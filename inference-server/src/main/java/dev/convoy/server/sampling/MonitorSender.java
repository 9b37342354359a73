package dev.convoy.server.sampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a {@link Sampler}'s queue into the monitor's Ingest stream. Everything runs on one
 * injected scheduled executor: batches of up to {@link #BATCH} samples are sent while the
 * stream is ready and fewer than {@link #WINDOW} are unacknowledged; between flushes (every
 * flush interval) only full batches go, since the monitor commits each batch: sending what
 * was queued at each ack made batches of a few samples, and the monitor's commits cost more
 * CPU than the server's requests; unacknowledged batches are
 * kept and sent again on the next stream when this one fails (the monitor drops duplicates),
 * with a back-off between attempts. While the monitor is down, the sampler's queue fills and
 * drops, and the server keeps serving. Requests go out as the wire bytes {@link SampleEncoder}
 * writes, framed as an {@link IngestRequest} here, never built as messages.
 */
public final class MonitorSender implements AutoCloseable {
  /**
   * Samples per request: the monitor's writer spent 7.8-9.0 µs a sample with 256, 6.4-7.6 µs
   * with 1,024 (fewer commits); the monitor takes up to 4,096.
   */
  static final int BATCH = 1024;
  static final int WINDOW = 4;
  private static final Logger log = LoggerFactory.getLogger(MonitorSender.class);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** The Ingest method with requests already in IngestRequest's wire format. */
  private static final MethodDescriptor<byte[], IngestAck> INGEST = MonitorIngestGrpc.getIngestMethod()
      .toBuilder(new WireBytes(), ProtoUtils.marshaller(IngestAck.getDefaultInstance())).build();

  private final Sampler sampler;
  private final Channel channel;
  private final ScheduledExecutorService executor;
  private final Duration flushInterval;
  private final LongCounter acknowledged;
  private final Map<Long, List<ByteString>> unacked = new LinkedHashMap<>();
  private final Deque<List<ByteString>> resend = new ArrayDeque<>();
  /** Encoded samples of drained requests that did not fit the last batch. */
  private final Deque<ByteString> encoded = new ArrayDeque<>();
  private final FreshIds freshIds = new FreshIds();
  private ClientCallStreamObserver<byte[]> stream;
  private long generation;
  private long nextSequence;
  private long backoffNanos = MIN_BACKOFF.toNanos();
  private ScheduledFuture<?> flusher;
  private boolean closed;

  public MonitorSender(Sampler sampler, Channel channel, ScheduledExecutorService executor, Duration flushInterval,
      Meter meter) {
    this.sampler = sampler;
    this.channel = channel;
    this.executor = executor;
    this.flushInterval = flushInterval;
    this.acknowledged = meter.counterBuilder("convoy.sampler.acknowledged").setUnit("{sample}")
        .setDescription("Samples the monitor acknowledged as stored").build();
  }

  /** Opens the first stream and starts flushing the queue every flush interval. */
  public void start() {
    executor.execute(this::connect);
    long every = flushInterval.toNanos();
    flusher = executor.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.NANOSECONDS);
  }

  private void connect() {
    if (closed) {
      return;
    }
    long mine = ++generation;
    unacked.values().forEach(resend::addLast);
    unacked.clear();
    nextSequence = 1;
    if (channel instanceof ManagedChannel managed) {
      // The channel may be backing off from a monitor that was down: try it now.
      managed.resetConnectBackoff();
    }
    ClientCalls.asyncBidiStreamingCall(channel.newCall(INGEST, CallOptions.DEFAULT.withWaitForReady()),
        new ClientResponseObserver<byte[], IngestAck>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<byte[]> requests) {
        stream = requests;
        requests.setOnReadyHandler(() -> run(() -> {
          if (mine == generation) {
            pump();
          }
        }));
      }

      @Override
      public void onNext(IngestAck ack) {
        run(() -> {
          if (mine == generation) {
            acked(ack);
          }
        });
      }

      @Override
      public void onError(Throwable t) {
        run(() -> lost(mine, t.toString()));
      }

      @Override
      public void onCompleted() {
        run(() -> lost(mine, "the monitor ended the stream"));
      }
    });
  }

  private void acked(IngestAck ack) {
    List<ByteString> batch = unacked.remove(ack.getSequence());
    if (batch != null) {
      acknowledged.add(ack.getAccepted() + ack.getDuplicates());
    }
    backoffNanos = MIN_BACKOFF.toNanos();
    pump();
  }

  private void lost(long mine, String why) {
    if (mine != generation || closed) {
      return;
    }
    stream = null;
    log.warn("monitor stream lost ({}); {} batches to resend, retrying in {} ms", why,
        unacked.size() + resend.size(), TimeUnit.NANOSECONDS.toMillis(backoffNanos));
    executor.schedule(this::connect, backoffNanos, TimeUnit.NANOSECONDS);
    backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
  }

  /** Sends full batches only. */
  private void pump() {
    send(false);
  }

  /** Sends what is queued, full batches or not. */
  private void flush() {
    send(true);
  }

  private void send(boolean partial) {
    while (stream != null && stream.isReady() && unacked.size() < WINDOW) {
      if (resend.isEmpty() && !partial && sampler.queued() + encoded.size() < BATCH) {
        return;
      }
      List<ByteString> batch = resend.isEmpty() ? nextBatch() : resend.pollFirst();
      if (batch.isEmpty()) {
        return;
      }
      long sequence = nextSequence++;
      unacked.put(sequence, batch);
      stream.onNext(request(sequence, batch));
    }
  }

  /** Up to {@link #BATCH} samples; a request's rows beyond that wait for the next batch. */
  private List<ByteString> nextBatch() {
    List<Sampled> drained = new ArrayList<>();
    List<ByteString> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH) {
      if (encoded.isEmpty()) {
        if (sampler.drainTo(drained, BATCH - batch.size()) == 0) {
          break;
        }
        drained.forEach(s -> encoded.addAll(SampleEncoder.encode(s, freshIds)));
        drained.clear();
      }
      while (batch.size() < BATCH && !encoded.isEmpty()) {
        batch.add(encoded.pollFirst());
      }
    }
    return batch;
  }

  /** IngestRequest's wire bytes: the sequence, then the samples' entries as encoded. */
  private static byte[] request(long sequence, List<ByteString> samples) {
    int size = CodedOutputStream.computeUInt64Size(IngestRequest.SEQUENCE_FIELD_NUMBER, sequence);
    for (ByteString sample : samples) {
      size += sample.size();
    }
    return SampleEncoder.written(size, out -> {
      out.writeUInt64(IngestRequest.SEQUENCE_FIELD_NUMBER, sequence);
      for (ByteString sample : samples) {
        out.writeRawBytes(sample);
      }
    });
  }

  /** Runs {@code task} on the executor; after shutdown there is nothing left to do. */
  private void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("sender stopped; callback ignored");
    }
  }

  /** Batches sent and not yet acknowledged, or waiting to be sent again. */
  int outstanding() {
    return unacked.size() + resend.size();
  }

  /** Requests already in wire format go out as they are; answers are parsed as usual. */
  private static final class WireBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value); // gRPC reads its length from available()
    }

    @Override
    public byte[] parse(InputStream stream) {
      throw new UnsupportedOperationException("the sender only writes Ingest requests");
    }
  }

  /** Ends the stream; what is not acknowledged is given up. */
  @Override
  public void close() {
    run(() -> {
      closed = true;
      if (flusher != null) {
        flusher.cancel(false);
      }
      if (stream != null) {
        stream.onCompleted();
      }
    });
  }
}
