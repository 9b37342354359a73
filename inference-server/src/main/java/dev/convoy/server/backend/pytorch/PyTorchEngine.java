package dev.convoy.server.backend.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Starts DJL's PyTorch engine once per process, offline, with the given settings. */
final class PyTorchEngine {
  static final String NAME = "PyTorch";
  private static Engine started;
  private static PyTorchSettings startedWith;

  private PyTorchEngine() {}

  /**
   * The engine, started on first use. DJL reads these settings from system properties when
   * the engine initialises, so they are set here, once, before anything touches DJL.
   *
   * @throws IllegalStateException when a second caller asks for different settings
   * @throws ai.djl.engine.EngineException when libtorch cannot be loaded
   */
  static synchronized Engine start(PyTorchSettings settings) {
    if (started != null) {
      if (!startedWith.equals(settings)) {
        throw new IllegalStateException("the PyTorch engine already runs with " + startedWith);
      }
      return started;
    }
    // Never a download: libtorch and its JNI come from jars on the class path.
    System.setProperty("ai.djl.offline", "true");
    settings.nativeDir().ifPresent(dir -> System.setProperty("ENGINE_CACHE_DIR", dir.toString()));
    System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(settings.interOpThreads()));
    // Intra-op threads are set per instance, on the thread that runs it; one until then.
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    Engine engine = Engine.getEngine(NAME);
    started = engine;
    startedWith = settings;
    return engine;
  }

  /** libtorch keeps the intra-op thread count per calling thread; set it where it differs. */
  static void useIntraOpThreads(int threads) {
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }
}
