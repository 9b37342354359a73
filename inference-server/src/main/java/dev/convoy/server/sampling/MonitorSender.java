package dev.convoy.server.sampling;

import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.Sample;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
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
 * drops, and the server keeps serving.
 */
public final class MonitorSender implements AutoCloseable {
  static final int BATCH = 256;
  static final int WINDOW = 4;
  private static final Logger log = LoggerFactory.getLogger(MonitorSender.class);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Sampler sampler;
  private final Channel channel;
  private final ScheduledExecutorService executor;
  private final Duration flushInterval;
  private final LongCounter acknowledged;
  private final Map<Long, List<Sample>> unacked = new LinkedHashMap<>();
  private final Deque<List<Sample>> resend = new ArrayDeque<>();
  private ClientCallStreamObserver<IngestRequest> stream;
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
    MonitorIngestGrpc.newStub(channel).withWaitForReady().ingest(new ClientResponseObserver<IngestRequest, IngestAck>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<IngestRequest> requests) {
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
    List<Sample> batch = unacked.remove(ack.getSequence());
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
      if (resend.isEmpty() && !partial && sampler.queued() < BATCH) {
        return;
      }
      List<Sample> batch = resend.isEmpty() ? nextBatch() : resend.pollFirst();
      if (batch.isEmpty()) {
        return;
      }
      long sequence = nextSequence++;
      unacked.put(sequence, batch);
      stream.onNext(IngestRequest.newBuilder().setSequence(sequence).addAllSamples(batch).build());
    }
  }

  private List<Sample> nextBatch() {
    List<Sampled> drained = new ArrayList<>();
    List<Sample> batch = new ArrayList<>();
    while (batch.size() < BATCH && sampler.drainTo(drained, BATCH - batch.size()) > 0) {
      drained.forEach(s -> batch.addAll(SampleEncoder.encode(s)));
      drained.clear();
    }
    return batch;
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
