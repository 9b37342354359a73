package dev.convoy.loadtest;

import com.google.protobuf.Message;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.input.InferRequests;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.InputSpec;
import dev.convoy.loadtest.input.JsonRequests;
import dev.convoy.loadtest.input.ModelInputs;
import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The requests a run cycles through: parsed from {@code -d}/{@code -D}, generated from the
 * model's metadata for ModelInfer, or an empty request (with {@code --model}'s name where the
 * request has a name field) for the other methods, as ghz sends {@code {}} without data.
 */
final class RequestSetup {

  /** Distinct random requests to cycle through; enough that no value pattern repeats often. */
  static final int RANDOM_POOL_SIZE = 16;

  private final RunSettings settings;
  private final MethodDescriptor<Message, Message> method;
  private final InputStream stdin;

  RequestSetup(RunSettings settings, MethodDescriptor<Message, Message> method, InputStream stdin) {
    this.settings = settings;
    this.method = method;
    this.stdin = stdin;
  }

  /** Requests that need no server: from data, or empty ones. Null when metadata is needed. */
  List<Message> offline() throws InputException {
    Message prototype = InferenceMethods.requestPrototype(method);
    List<Message> messages;
    if (settings.dataFile() != null) {
      messages = JsonRequests.readFile(settings.dataFile(), prototype);
    } else if (settings.data() != null) {
      messages = JsonRequests.parse(inlineData(), prototype, "-d/--data");
    } else if (isModelInfer() && settings.model() != null) {
      return null;
    } else if (isModelInfer()) {
      throw new InputException("ModelInfer needs request data: give --model NAME to generate"
          + " inputs from the model's metadata, or -d/-D with a request in JSON");
    } else {
      messages = List.of(prototype);
    }
    return settings.model() == null ? messages : named(messages);
  }

  /** Generated ModelInfer requests, from the model's metadata fetched over {@code channel}. */
  List<Message> fromMetadata(Channel channel, Metadata headers)
      throws InputException, LoadTestException {
    ModelMetadataResponse metadata = fetchMetadata(channel, headers);
    List<InputSpec> inputs =
        ModelInputs.resolve(metadata, settings.batchSize(), settings.inputShapes());
    List<ModelInferRequest> requests;
    if (settings.rows() != null) {
      requests = InferRequests.fromRows(settings.model(), settings.modelVersion(), inputs,
          RowsCsv.read(settings.rows()), settings.seed());
    } else {
      long total = settings.load().total();
      int count = (int) (total > 0 ? Math.min(RANDOM_POOL_SIZE, total) : RANDOM_POOL_SIZE);
      requests = InferRequests.random(
          settings.model(), settings.modelVersion(), inputs, count, settings.seed());
    }
    return new ArrayList<>(requests);
  }

  private ModelMetadataResponse fetchMetadata(Channel channel, Metadata headers)
      throws LoadTestException {
    Channel withHeaders =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    var stub = GRPCInferenceServiceGrpc.newBlockingStub(withHeaders);
    if (!settings.timeout().isZero()) {
      stub = stub.withDeadlineAfter(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    try {
      return stub.modelMetadata(ModelMetadataRequest.newBuilder()
          .setName(settings.model()).setVersion(settings.modelVersion()).build());
    } catch (StatusRuntimeException e) {
      throw new LoadTestException("cannot get the metadata of model '" + settings.model() + "'"
          + (settings.modelVersion().isEmpty() ? "" : " version " + settings.modelVersion())
          + " from " + settings.channel().target() + ": " + e.getStatus().getCode() + " "
          + (e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription()), e);
    }
  }

  private List<Message> named(List<Message> messages) throws InputException {
    List<Message> named = new ArrayList<>();
    for (Message message : messages) {
      JsonRequests.Named n =
          JsonRequests.withModel(message, settings.model(), settings.modelVersion());
      if (!n.hasModelField()) {
        throw new InputException("--model does not apply to " + method.getBareMethodName()
            + ": its request has no model name field");
      }
      named.add(n.message());
    }
    return named;
  }

  private String inlineData() throws InputException {
    if (!settings.data().equals("@")) {
      return settings.data();
    }
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(
          "cannot read request data from standard input: " + e.getMessage(), e);
    }
  }

  /** ModelInfer, or ModelStreamInfer: both send ModelInferRequests. */
  private boolean isModelInfer() {
    return method.getFullMethodName()
        .equals(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName())
        || InferenceMethods.isStream(method);
  }
}
