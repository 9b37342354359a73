package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.loadtest.h2.RawH2Connections;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import io.grpc.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target's process once it is ready, with the bench's client connection to it (none for the
 * OTLP receiver) and whatever else it leaves behind when stopped (a scenario repository).
 */
final class RunningTarget implements AutoCloseable {

  private static final long CONTROL_DEADLINE_SECONDS = 30;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Target target;
  private final TargetProcess process;
  private final int port;
  private final ChannelPool channels;
  private final AutoCloseable leftovers;
  private boolean jvmWarmedUp;
  /** The raw engine's connection, opened by the first row that needs it. */
  private RawH2Connections raw;

  RunningTarget(Target target, TargetProcess process, int port, ChannelPool channels,
      AutoCloseable leftovers) {
    this.target = target;
    this.process = process;
    this.port = port;
    this.channels = channels;
    this.leftovers = leftovers;
  }

  /** The same process and connection, also removing {@code more} when closed. */
  RunningTarget removingOnClose(AutoCloseable more) {
    return new RunningTarget(target, process, port, channels, more);
  }

  Target target() {
    return target;
  }

  TargetProcess process() {
    return process;
  }

  int port() {
    return port;
  }

  /** The connection(s) the rows' load goes over. */
  List<? extends Channel> channels() {
    return channels.channels();
  }

  /** The raw HTTP/2 engine's connection to the process, opened on first use. */
  synchronized RawH2Connections rawConnections() throws NotRunException, InterruptedException {
    if (raw == null) {
      try {
        raw = RawH2Connections.open(ChannelSettings.plaintext(TargetLauncher.LOOPBACK, port));
      } catch (ServerUnreachableException e) {
        throw new NotRunException(e.getMessage(), e);
      }
    }
    return raw;
  }

  /** True the first time only: whether the caller is to warm this process's JIT up. */
  boolean firstUse() {
    boolean first = !jvmWarmedUp;
    jvmWarmedUp = true;
    return first;
  }

  /**
   * Model executions so far by executed batch size, summed over versions, from
   * ModelStatistics' {@code batch_stats} (each batch size's {@code compute_infer} count).
   */
  Map<Long, Long> executionsByBatchSize(String model) {
    Map<Long, Long> executions = new HashMap<>();
    List<ModelStatistics> stats = stub()
        .modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build())
        .getModelStatsList();
    for (ModelStatistics version : stats) {
      for (InferBatchStatistics batch : version.getBatchStatsList()) {
        executions.merge(batch.getBatchSize(), batch.getComputeInfer().getCount(), Long::sum);
      }
    }
    return executions;
  }

  /**
   * The process's heap in use after a full GC, in bytes, asked with {@code jcmd <pid> GC.run}
   * then {@code GC.heap_info} (the {@code used} figure of its first line).
   *
   * @throws NotRunException when jcmd is missing or says nothing readable
   */
  long heapAfterGc() throws NotRunException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    if (!used.find()) {
      throw new NotRunException("cannot read the heap from jcmd GC.heap_info: " + info.strip());
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private String jcmd(String command) throws NotRunException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(process().pid()), command)
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(CONTROL_DEADLINE_SECONDS, TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        throw new NotRunException("jcmd " + command + " failed: " + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new NotRunException("cannot run jcmd: " + e.getMessage(), e);
    }
  }

  private synchronized void closeRaw() {
    if (raw != null) {
      try {
        raw.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      raw = null;
    }
  }

  GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channels.channel(0))
        .withDeadlineAfter(CONTROL_DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Closes the connection, stops the process and removes what it used. */
  @Override
  public void close() {
    try {
      closeRaw();
      if (channels != null) {
        channels.close();
      }
    } finally {
      process.close();
      if (leftovers != null) {
        try {
          leftovers.close();
        } catch (Exception e) {
          // A temporary copy left behind is harmless; the run goes on.
        }
      }
    }
  }
}
