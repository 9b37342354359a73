package dev.convoy.server.backend.pytorch;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.tensor.Tensor;
import java.util.List;

/**
 * One loaded TorchScript module and its predictor. DJL's predictors are not thread-safe, so
 * runs take turns; the batcher gives an instance one batch at a time, so the lock is uncontended.
 */
final class PyTorchModelInstance implements ModelInstance {
  private static final int MAX_MESSAGE = 400;
  private final Model model;
  private final Predictor<Invocation, Execution> predictor;
  private final String device;
  private final int intraOpThreads;

  PyTorchModelInstance(Model model, Predictor<Invocation, Execution> predictor, String device, int intraOpThreads) {
    this.model = model;
    this.predictor = predictor;
    this.device = device;
    this.intraOpThreads = intraOpThreads;
  }

  @Override
  public synchronized Execution run(List<Tensor> inputs, List<String> outputs) {
    PyTorchEngine.useIntraOpThreads(intraOpThreads);
    try {
      return predictor.predict(new Invocation(inputs, outputs));
    } catch (TranslateException | RuntimeException e) {
      throw new BackendException("PyTorch failed: " + rootMessage(e), e);
    }
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public synchronized void close() {
    predictor.close();
    model.close();
  }

  /** DJL wraps libtorch's error (which names the op and the shapes) in layers of its own. */
  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    // libtorch appends a C++ stack trace; the first lines say what went wrong.
    String head = message.lines().limit(3).reduce((a, b) -> a + " " + b).orElse(message).strip();
    return head.length() <= MAX_MESSAGE ? head : head.substring(0, MAX_MESSAGE) + "...";
  }
}
