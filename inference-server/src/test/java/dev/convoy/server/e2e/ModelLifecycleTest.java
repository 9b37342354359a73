package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.server.SampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load, unload and reload at run time, over loopback, while traffic keeps flowing. */
class ModelLifecycleTest {
  private static final int CLIENTS = 3;
  @TempDir Path repository;
  private LoopbackServer loopback;
  private ExecutorService clients;

  @BeforeEach
  void start() {
    SampleModels.copy(repository, "digits_mlp", "digits_cnn");
    loopback = LoopbackServer.withModelControl(repository);
    clients = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    clients.shutdownNow();
    loopback.close();
  }

  @Test
  void unloadAndReload_otherModelKeepsAnswering() throws Exception {
    try (Traffic cnn = new Traffic(cnnRequest())) {
      unload("digits_mlp");
      assertThatThrownBy(() -> loopback.stub().modelInfer(mlpRequest()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThat(indexRow("digits_mlp").getState()).isEqualTo("UNAVAILABLE");
      assertThat(health("digits_mlp")).isEqualTo(ServingStatus.NOT_SERVING);

      load("digits_mlp");
      assertThat(loopback.stub().modelInfer(mlpRequest()).getOutputsCount()).isEqualTo(2);
      assertThat(health("digits_mlp")).isEqualTo(ServingStatus.SERVING);
      assertThat(cnn.stopAndCountSuccesses()).isPositive();
    }
  }

  @Test
  void reloadUnderLoad_loadedModelLosesNoRequest() throws Exception {
    try (Traffic mlp = new Traffic(mlpRequest())) {
      for (int i = 0; i < 3; i++) {
        load("digits_mlp");
      }
      assertThat(mlp.stopAndCountSuccesses()).isPositive();
    }
  }

  @Test
  void invalidConfig_loadFailsNamingField_otherModelsServe() throws IOException {
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    String good = Files.readString(config);
    Files.writeString(config, good.replace("max_batch_size: 128", "max_batch_size: 128\nsequence_batching { }"));

    assertThatThrownBy(() -> load("digits_mlp")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).contains("digits_mlp", "sequence_batching");
    });
    assertThat(loopback.stub().modelInfer(mlpRequest()).getOutputsCount())
        .as("the versions serving before the failed reload keep serving").isEqualTo(2);
    assertThat(indexRow("digits_mlp").getReason()).contains("reload failed", "sequence_batching");
    assertThat(loopback.stub().modelInfer(cnnRequest()).getOutputsCount()).isEqualTo(2);

    Files.writeString(config, good);
    load("digits_mlp");
    assertThat(indexRow("digits_mlp").getReason()).isEmpty();
  }

  private void load(String model) {
    loopback.stub().repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(model).build());
  }

  private void unload(String model) {
    loopback.stub().repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName(model).build());
  }

  private ModelIndex indexRow(String model) {
    return loopback.stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance()).getModelsList().stream()
        .filter(m -> m.getName().equals(model)).findFirst().orElseThrow();
  }

  private ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(loopback.channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private static ModelInferRequest mlpRequest() {
    return request("digits_mlp", "input", 1, 64);
  }

  private static ModelInferRequest cnnRequest() {
    return request("digits_cnn", "image", 1, 1, 8, 8);
  }

  private static ModelInferRequest request(String model, String input, long... shape) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder().setName(input).setDatatype("FP32");
    long elements = 1;
    for (long dim : shape) {
      tensor.addShape(dim);
      elements *= dim;
    }
    return request.addRawInputContents(ByteString.copyFrom(new byte[(int) elements * Float.BYTES])).build();
  }

  /** Clients calling one model in a loop until stopped; any failure fails the test. */
  private final class Traffic implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Future<Integer>> workers = new ArrayList<>();

    Traffic(ModelInferRequest request) {
      for (int i = 0; i < CLIENTS; i++) {
        workers.add(clients.submit(() -> {
          int successes = 0;
          do {
            loopback.stub().modelInfer(request);
            successes++;
          } while (running.get());
          return successes;
        }));
      }
    }

    /** Stops the clients; rethrows the first failure any of them saw. */
    int stopAndCountSuccesses() throws Exception {
      running.set(false);
      int total = 0;
      for (Future<Integer> worker : workers) {
        total += worker.get(30, TimeUnit.SECONDS);
      }
      return total;
    }

    @Override
    public void close() {
      running.set(false);
    }
  }
}
