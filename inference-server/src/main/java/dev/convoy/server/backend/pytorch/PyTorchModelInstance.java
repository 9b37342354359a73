package dev.convoy.server.backend.pytorch;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.tensor.Tensor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One loaded TorchScript module and its predictor. DJL's predictors are not thread-safe, so
 * runs take turns; the batcher gives an instance one batch at a time, so the lock is uncontended.
 */
final class PyTorchModelInstance implements ModelInstance {
  private static final int MAX_MESSAGE = 400;
  private static final Pattern ERROR_LINE = Pattern.compile("\\w*(Error|Exception): .+");
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
    // The TorchScript interpreter leads with a traceback and ends with the error itself
    // ("RuntimeError: mat1 and mat2 shapes cannot be multiplied ..."); libtorch's own errors
    // lead with the reason and trail a C++ stack.
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String head = lines.stream().filter(l -> ERROR_LINE.matcher(l).matches()).reduce((a, b) -> b)
        .orElseGet(() -> String.join(" ", lines.subList(0, Math.min(3, lines.size()))));
    return head.length() <= MAX_MESSAGE ? head : head.substring(0, MAX_MESSAGE) + "...";
  }
}
