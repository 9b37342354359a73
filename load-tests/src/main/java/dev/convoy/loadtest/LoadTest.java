package dev.convoy.loadtest;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.DurationStop;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRun;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import dev.convoy.loadtest.grpc.MetadataJson;
import dev.convoy.loadtest.grpc.RequestSource;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.loadtest.grpc.StreamLoadCall;
import dev.convoy.loadtest.grpc.StreamingCall;
import dev.convoy.loadtest.h2.RawH2Connections;
import dev.convoy.loadtest.h2.RawH2LoadCall;
import dev.convoy.loadtest.input.CallTemplate;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.TemplatedRequests;
import dev.convoy.loadtest.report.RunReport;
import dev.convoy.loadtest.schema.CallTarget;
import dev.convoy.loadtest.schema.MethodSchemas;
import dev.convoy.loadtest.schema.ProtoCompiler;
import dev.convoy.loadtest.schema.SchemaException;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One command-line run, in order: everything that can be checked without the server (data,
 * headers, a schema from files), the connect check, the schema by reflection and requests
 * from the model's metadata if needed, the load, the report.
 */
final class LoadTest {

  /** How long Ctrl-C waits for in-flight calls and the report before the JVM exits. */
  private static final long INTERRUPT_GRACE_SECONDS = 10;

  private final RunSettings settings;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean interactive;
  private final boolean handleInterrupt;
  private final DebugLog debug;

  LoadTest(RunSettings settings, PrintWriter out, PrintWriter err, boolean interactive,
      boolean handleInterrupt) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.handleInterrupt = handleInterrupt;
    this.debug = DebugLog.open(settings.debug());
  }

  int run() throws LoadTestException, InterruptedException {
    try (debug) {
      debug.log("Start Run", Map.of("call", settings.call(),
          "host", settings.channel().target()));
      String metadataText = metadataText();
      Metadata headers = parseHeaders(metadataText);
      ChannelPool pool = openPool();
      try (pool) {
        CallTarget target = offlineTarget();
        pool.awaitReady();
        if (target == null) {
          target = resolve(pool);
        }
        RequestSetup setup = new RequestSetup(settings, target, System.in);
        List<Message> requests = setup.offline();
        if (requests == null) {
          requests = setup.fromMetadata(pool.channel(0), headers);
        }
        RequestSource source = source(setup, target, requests, metadataText, headers);
        Map<String, Object> options =
            GhzOptions.resolved(settings.ghzOptions(), setup.dataText(), metadataText);
        AsyncLoadCall call = call(pool, target, requests, source, headers);
        if (settings.sweep() != null) {
          sweep(call, target, pool, headers);
        } else {
          runAndReport(call, options, pool);
        }
        debug.log("Run finished", Map.of());
        return 0;
      } catch (ServerUnreachableException | InputException | SchemaException
          | IllegalArgumentException e) {
        throw new LoadTestException(e.getMessage(), e);
      }
    }
  }

  private ChannelPool openPool() throws LoadTestException {
    try {
      return ChannelPool.open(settings.channel());
    } catch (IllegalArgumentException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
  }

  /** The method when no reflection is needed, else null. */
  private CallTarget offlineTarget() throws SchemaException, InterruptedException {
    if (MethodSchemas.needsServer(settings.method(), settings.proto(), settings.protoset())) {
      return null;
    }
    return resolve(null);
  }

  private CallTarget resolve(ChannelPool pool) throws SchemaException, InterruptedException {
    Metadata reflectHeaders = new Metadata();
    settings.reflectMetadata().forEach((k, v) -> reflectHeaders.put(
        Metadata.Key.of(k.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), v));
    return MethodSchemas.resolve(settings.method(), settings.proto(), settings.importPaths(),
        settings.protoset(), new ProtoCompiler(settings.protoc()),
        pool == null ? null : pool.channel(0), reflectHeaders, settings.channel().connectTimeout());
  }

  private RequestSource source(RequestSetup setup, CallTarget target, List<Message> requests,
      String metadataText, Metadata headers) throws InputException {
    CallTemplate data = setup.dataTemplate();
    CallTemplate header = metadataTemplate(metadataText);
    if (data == null && header == null) {
      return RequestSource.fixed(requests, headers);
    }
    TemplatedRequests templated = new TemplatedRequests(target.descriptor(),
        target.requestPrototype(), data,
        requests.stream().map(MessageLite::toByteArray).toList(), header, headers,
        settings.streamDynamicMessages(), Clock.systemUTC());
    try {
      templated.check();
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    return templated;
  }

  private CallTemplate metadataTemplate(String metadataText) throws InputException {
    if (metadataText == null || settings.templates() == TemplateMode.OFF) {
      return null;
    }
    CallTemplate t = CallTemplate.parse(metadataText, settings.templates() == TemplateMode.FULL,
        "metadata");
    return t.hasActions() ? t : null;
  }

  /** The engine call for the method: unary (raw or grpc-java), a ghz stream, or Convoy's. */
  private AsyncLoadCall call(ChannelPool pool, CallTarget target, List<Message> requests,
      RequestSource source, Metadata headers)
      throws LoadTestException, ServerUnreachableException, InterruptedException {
    CallOptions options = callOptions();
    if (settings.method().isModelStreamInfer()) {
      List<ModelInferRequest> messages =
          requests.stream().map(ModelInferRequest.class::cast).toList();
      return new StreamLoadCall(pool.channels(), messages, settings.stream(), headers,
          timer(), System::nanoTime);
    }
    if (!target.isUnary()) {
      refuseRaw("streaming methods");
      return new StreamingCall(pool.channels(), target.method(), source, settings.stream(),
          settings.timeout(), options, timer());
    }
    boolean fixed = !(source instanceof TemplatedRequests);
    if (settings.engine() == Engine.RAW && fixed) {
      return RawCall.open(settings, target, requests, headers);
    }
    if (!fixed) {
      refuseRaw("call-data templates");
    }
    return new GrpcLoadCall(pool.channels(), target.method(), source, settings.timeout(),
        options);
  }

  private void refuseRaw(String what) throws LoadTestException {
    if (settings.engine() == Engine.RAW && settings.engineChosen()) {
      throw new LoadTestException("--engine raw makes fixed unary calls only; use --engine"
          + " grpc for " + what);
    }
  }

  private CallOptions callOptions() {
    CallOptions options = CallOptions.DEFAULT;
    if (settings.channel().tuning().gzip()) {
      options = options.withCompression("gzip");
    }
    long maxSend = settings.channel().tuning().maxSendBytes();
    if (maxSend > 0) {
      options = options.withMaxOutboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxSend));
    }
    return options;
  }

  private ScheduledExecutorService timer;

  private ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "convoy-load-stream-timer");
        thread.setDaemon(true);
        return thread;
      });
    }
    return timer;
  }

  private void sweep(AsyncLoadCall call, CallTarget target, ChannelPool pool, Metadata headers)
      throws LoadTestException, InterruptedException {
    if (!target.isUnary()) {
      throw new LoadTestException("a sweep makes unary calls; "
          + settings.call() + " is a streaming method");
    }
    try {
      new SweepRun(settings, call, pool.channel(0), headers).run(out);
    } finally {
      if (call instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
      if (timer != null) {
        timer.shutdownNow();
      }
    }
  }

  private void runAndReport(AsyncLoadCall call, Map<String, Object> options, ChannelPool pool)
      throws LoadTestException, InterruptedException {
    LoadRun run = new LoadRunner(LoadClock.system()).start(settings.load(), call);
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = handleInterrupt ? interruptHook(run, reported) : null;
    try {
      LoadResult result;
      try (ProgressPrinter progress = ProgressPrinter.start(run, err, interactive)) {
        result = run.await();
      }
      if (settings.load().durationStop() != DurationStop.WAIT) {
        pool.closeNow(); // ghz closes its connections: calls still in flight end here
      }
      writeReport(new RunReport(result, settings.name(), Instant.now(), options,
          settings.tags(), settings.convoyOptions()));
    } finally {
      reported.countDown();
      if (hook != null) {
        removeHook(hook);
      }
      if (call instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
      if (timer != null) {
        timer.shutdownNow();
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

  private String metadataText() throws LoadTestException {
    if (settings.metadataFile() == null) {
      return settings.metadata();
    }
    try {
      return Files.readString(settings.metadataFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadTestException(
          "cannot read metadata file " + settings.metadataFile() + ": " + e, e);
    }
  }

  /** The headers as written; a template's actions are parsed as text until rendered. */
  private Metadata parseHeaders(String text) throws LoadTestException {
    String source = settings.metadataFile() != null
        ? "metadata file " + settings.metadataFile() : "-m/--metadata";
    try {
      return MetadataJson.parse(text, source);
    } catch (IllegalArgumentException e) {
      throw new LoadTestException(e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // The report is written; a failure to release the call's resources changes nothing.
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
