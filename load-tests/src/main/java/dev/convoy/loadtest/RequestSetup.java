package dev.convoy.loadtest;

import com.google.protobuf.Message;
import dev.convoy.loadtest.input.BinaryRequests;
import dev.convoy.loadtest.input.CallTemplate;
import dev.convoy.loadtest.input.InferRequests;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.InputSpec;
import dev.convoy.loadtest.input.JsonRequests;
import dev.convoy.loadtest.input.ModelInputs;
import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.loadtest.schema.CallTarget;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The requests a run cycles through: parsed from {@code -d}/{@code -D} (or rendered per call
 * from their templates), read from {@code -b}/{@code -B}, generated from the model's metadata
 * for ModelInfer, or an empty request (with {@code --model}'s name where the request has a
 * name field) for the other methods, as ghz sends {@code {}} without data.
 */
final class RequestSetup {

  /** Distinct random requests to cycle through; enough that no value pattern repeats often. */
  static final int RANDOM_POOL_SIZE = 16;

  private final RunSettings settings;
  private final CallTarget target;
  private final InputStream stdin;
  private String dataText;
  private boolean dataRead;

  RequestSetup(RunSettings settings, CallTarget target, InputStream stdin) {
    this.settings = settings;
    this.target = target;
    this.stdin = stdin;
  }

  /** The JSON data as given ({@code -d}, standard input or {@code -D}), or null; read once. */
  String dataText() throws InputException {
    if (!dataRead) {
      dataText = readData();
      dataRead = true;
    }
    return dataText;
  }

  /** The data's call template, or null when there is none to apply per call. */
  CallTemplate dataTemplate() throws InputException {
    String text = dataText();
    if (text == null || settings.templates() == TemplateMode.OFF) {
      return null;
    }
    CallTemplate template = CallTemplate.parse(
        text, settings.templates() == TemplateMode.FULL, "call data");
    return template.hasActions() ? template : null;
  }

  /** Requests that need no server: from data, or empty ones. Null when metadata is needed. */
  List<Message> offline() throws InputException {
    Message prototype = target.requestPrototype();
    List<Message> messages;
    if (settings.binary() || settings.binaryFile() != null) {
      messages = BinaryRequests.parse(readBinary(), prototype,
          settings.binary() ? "standard input" : settings.binaryFile().toString());
    } else if (dataText() != null) {
      String text = dataText();
      CallTemplate template = dataTemplate();
      // A template's requests are rendered per call; this parse checks the rest of the JSON.
      messages = template == null
          ? JsonRequests.parse(text, prototype, source())
          : List.of(prototype);
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
        throw new InputException("--model does not apply to " + target.descriptor().getName()
            + ": its request has no model name field");
      }
      named.add(n.message());
    }
    return named;
  }

  private String source() {
    return settings.dataFile() != null ? "data file " + settings.dataFile() : "-d/--data";
  }

  private String readData() throws InputException {
    if (settings.dataFile() != null) {
      try {
        return Files.readString(settings.dataFile(), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new InputException("data file " + settings.dataFile() + " does not exist", e);
      } catch (IOException e) {
        throw new InputException(
            "cannot read data file " + settings.dataFile() + ": " + e.getMessage(), e);
      }
    }
    if (settings.data() == null || !settings.data().equals("@")) {
      return settings.data();
    }
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(
          "cannot read request data from standard input: " + e.getMessage(), e);
    }
  }

  private byte[] readBinary() throws InputException {
    try {
      return settings.binary() ? stdin.readAllBytes() : Files.readAllBytes(settings.binaryFile());
    } catch (IOException e) {
      throw new InputException("cannot read binary data from "
          + (settings.binary() ? "standard input" : settings.binaryFile()) + ": " + e, e);
    }
  }

  /** ModelInfer, or ModelStreamInfer: both send ModelInferRequests. */
  private boolean isModelInfer() {
    String name = target.method().getFullMethodName();
    return name.equals(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getModelStreamInferMethod().getFullMethodName());
  }
}
