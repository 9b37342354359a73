package dev.convoy.loadtest;

import com.google.protobuf.Message;
import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRun;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.grpc.MetadataJson;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.loadtest.grpc.StreamLoadCall;
import dev.convoy.loadtest.h2.RawH2Connections;
import dev.convoy.loadtest.h2.RawH2LoadCall;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.report.RunReport;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One command-line run, in order: everything that can be checked without the server (data,
 * headers), the connect check, requests from the model's metadata if needed, the load, the
 * report.
 */
final class LoadTest {

  /** How long Ctrl-C waits for in-flight calls and the report before the JVM exits. */
  private static final long INTERRUPT_GRACE_SECONDS = 10;

  private final RunSettings settings;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean interactive;
  private final boolean handleInterrupt;

  LoadTest(RunSettings settings, PrintWriter out, PrintWriter err, boolean interactive,
      boolean handleInterrupt) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.handleInterrupt = handleInterrupt;
  }

  int run() throws LoadTestException, InterruptedException {
    MethodDescriptor<Message, Message> method = InferenceMethods.resolve(settings.call());
    Metadata headers = headers();
    RequestSetup setup = new RequestSetup(settings, method, System.in);
    List<Message> requests = offlineRequests(setup);
    ChannelPool pool;
    try {
      pool = ChannelPool.open(settings.channel());
    } catch (IllegalArgumentException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
    try (pool) {
      pool.awaitReady();
      if (requests == null) {
        requests = setup.fromMetadata(pool.channel(0), headers);
      }
      if (InferenceMethods.isStream(method)) {
        runStreams(pool, requests, headers);
      } else if (settings.engine() == Engine.RAW) {
        runRaw(method, requests, headers);
      } else {
        runAndReport(new GrpcLoadCall(
            pool.channels(), method, requests, settings.timeout(), headers));
      }
      return 0;
    } catch (ServerUnreachableException | InputException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
  }

  /**
   * Unary calls on the raw engine's own connections; the grpc-java channel stays for the
   * connect check and the metadata read before.
   */
  private void runRaw(MethodDescriptor<Message, Message> method, List<Message> requests,
      Metadata headers) throws LoadTestException, InterruptedException,
      ServerUnreachableException {
    try (RawH2Connections connections = RawH2Connections.open(settings.channel())) {
      runAndReport(
          new RawH2LoadCall(connections, method, requests, settings.timeout(), headers));
    }
  }

  /** One engine call per message; the interval's delayed sends run on one timer thread. */
  private void runStreams(ChannelPool pool, List<Message> requests, Metadata headers)
      throws LoadTestException, InterruptedException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "convoy-load-stream-interval");
      thread.setDaemon(true);
      return thread;
    });
    List<ModelInferRequest> messages =
        requests.stream().map(ModelInferRequest.class::cast).toList();
    try (StreamLoadCall call = new StreamLoadCall(pool.channels(), messages, settings.stream(),
        headers, timer, System::nanoTime)) {
      runAndReport(call);
    } finally {
      timer.shutdownNow();
    }
  }

  private void runAndReport(AsyncLoadCall call) throws LoadTestException, InterruptedException {
    LoadRun run = new LoadRunner(LoadClock.system()).start(settings.load(), call);
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = handleInterrupt ? interruptHook(run, reported) : null;
    try {
      LoadResult result;
      try (ProgressPrinter progress = ProgressPrinter.start(run, err, interactive)) {
        result = run.await();
      }
      writeReport(new RunReport(result, settings.name(), Instant.now(),
          ReportOptions.of(settings), settings.tags()));
    } finally {
      reported.countDown();
      if (hook != null) {
        removeHook(hook);
      }
    }
  }

  private void writeReport(RunReport report) throws LoadTestException {
    if (settings.output() == null) {
      try {
        settings.format().writer().write(report, out);
      } catch (IOException e) {
        throw new LoadTestException("cannot write the report: " + e.getMessage(), e);
      }
      out.flush();
      return;
    }
    try (Writer file = Files.newBufferedWriter(settings.output(), StandardCharsets.UTF_8)) {
      settings.format().writer().write(report, file);
    } catch (IOException e) {
      throw new LoadTestException(
          "cannot write the report to " + settings.output() + ": " + e.getMessage(), e);
    }
  }

  private Metadata headers() throws LoadTestException {
    try {
      if (settings.metadataFile() != null) {
        String json = Files.readString(settings.metadataFile(), StandardCharsets.UTF_8);
        return MetadataJson.parse(json, "metadata file " + settings.metadataFile());
      }
      return MetadataJson.parse(settings.metadata(), "-m/--metadata");
    } catch (IOException e) {
      throw new LoadTestException(
          "cannot read metadata file " + settings.metadataFile() + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
  }

  private static List<Message> offlineRequests(RequestSetup setup) throws LoadTestException {
    try {
      return setup.offline();
    } catch (InputException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
  }

  /** Ctrl-C stops sending, lets calls in flight finish and waits for the report. */
  private static Thread interruptHook(LoadRun run, CountDownLatch reported) {
    Thread hook = new Thread(() -> {
      run.cancel();
      try {
        reported.await(INTERRUPT_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "convoy-load-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is running and will return.
    }
  }
}
