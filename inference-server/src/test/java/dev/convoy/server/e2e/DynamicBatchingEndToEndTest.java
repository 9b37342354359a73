package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.server.SampleModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 concurrent clients against a batching model: the server forms batches larger than one,
 * and every client's answer equals, bit for bit, what the same model gives its row alone.
 */
class DynamicBatchingEndToEndTest {
  private static final int CLIENTS = 64;
  @TempDir Path repository;
  private LoopbackServer loopback;
  private DigitsSplit split;

  @BeforeEach
  void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp");
    SampleModels.copyTree(repository.resolve("digits_mlp"), repository.resolve("digits_mlp_batched"));
    Path config = repository.resolve("digits_mlp_batched/config.pbtxt");
    Files.writeString(config, Files.readString(config)
        .replace("name: \"digits_mlp\"", "name: \"digits_mlp_batched\"")
        .replace("max_batch_size: 128", """
            max_batch_size: 32
            dynamic_batching { max_queue_delay_microseconds: 2000 preferred_batch_size: [ 16, 32 ] }"""));
    loopback = new LoopbackServer(repository);
    split = DigitsSplit.read(SampleModels.repository().resolve("data/digits_test.csv"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    loopback.close();
  }

  @Test
  void concurrentClients_batchedModel_formsBatchesAndMatchesUnbatchedBitForBit() throws Exception {
    List<ByteString> alone = new ArrayList<>();
    for (int row = 0; row < split.size(); row++) {
      alone.add(loopback.stub().modelInfer(request("digits_mlp", row)).getRawOutputContents(0));
    }

    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<Integer>>> mismatches = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int first = client;
        mismatches.add(clients.submit(() -> {
          List<Integer> wrong = new ArrayList<>();
          for (int row = first; row < split.size(); row += CLIENTS) {
            ByteString batched = loopback.stub().modelInfer(request("digits_mlp_batched", row)).getRawOutputContents(0);
            if (!batched.equals(alone.get(row))) {
              wrong.add(row);
            }
          }
          return wrong;
        }));
      }
      for (Future<List<Integer>> client : mismatches) {
        assertThat(client.get(120, TimeUnit.SECONDS)).as("rows whose batched answer differs").isEmpty();
      }
    } finally {
      clients.shutdownNow();
    }

    ModelStatistics stats = loopback.stub().modelStatistics(
        ModelStatisticsRequest.newBuilder().setName("digits_mlp_batched").build()).getModelStats(0);
    assertThat(stats.getInferenceCount()).isEqualTo(split.size());
    assertThat(stats.getExecutionCount()).isLessThan(split.size());
    assertThat(stats.getBatchStatsList()).extracting(InferBatchStatistics::getBatchSize)
        .anySatisfy(size -> assertThat(size).isGreaterThan(1));
  }

  private ModelInferRequest request(String model, int row) {
    ByteBuffer raw = ByteBuffer.allocate(64 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float pixel : split.pixels()[row]) {
      raw.putFloat(pixel);
    }
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    request.addOutputsBuilder().setName("logits");
    return request.addRawInputContents(ByteString.copyFrom(raw.flip())).build();
  }
}
