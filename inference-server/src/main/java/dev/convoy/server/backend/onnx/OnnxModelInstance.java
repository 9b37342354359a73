package dev.convoy.server.backend.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** One ONNX Runtime session. Sessions accept concurrent runs. */
final class OnnxModelInstance implements ModelInstance {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final String device;
  private final LongSupplier nanoTime;
  private final DirectBuffers inputBuffers = new DirectBuffers();

  OnnxModelInstance(OrtEnvironment env, OrtSession session, String device, LongSupplier nanoTime) {
    this.env = env;
    this.session = session;
    this.device = device;
    this.nanoTime = nanoTime;
  }

  @Override
  public Execution run(List<Tensor> inputs, List<String> outputs) {
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    DirectBuffers.Lease buffers = inputBuffers.lease();
    try {
      long start = nanoTime.getAsLong();
      for (Tensor input : inputs) {
        feeds.put(input.name(), OrtTensors.toOrt(env, input, buffers));
      }
      long fed = nanoTime.getAsLong();
      try (OrtSession.Result result = session.run(feeds, new LinkedHashSet<>(outputs))) {
        long ran = nanoTime.getAsLong();
        List<Tensor> tensors = new ArrayList<>(outputs.size());
        for (String name : outputs) {
          OnnxValue value = result.get(name).orElseThrow();
          tensors.add(OrtTensors.fromOrt(name, (OnnxTensor) value));
        }
        return new Execution(tensors, fed - start, ran - fed, nanoTime.getAsLong() - ran);
      }
    } catch (OrtException e) {
      throw new BackendException("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      feeds.values().forEach(OnnxTensor::close);
      buffers.close();
    }
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing ONNX Runtime session", e);
    }
  }
}
