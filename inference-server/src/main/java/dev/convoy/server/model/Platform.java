package dev.convoy.server.model;

import dev.convoy.server.tensor.BytesElements;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A model format Convoy serves, under Triton's names: the {@code platform} and the
 * {@code backend} a config.pbtxt may give, and the file a version directory holds by default.
 */
public enum Platform {
  ONNX("onnxruntime_onnx", "onnxruntime", "model.onnx", EnumSet.of(DataType.BOOL, DataType.UINT8,
      DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.FP16, DataType.FP32,
      DataType.FP64, DataType.BF16, DataType.BYTES)) {
    @Override
    public void requireCarriable(Tensor input) {
      if (input.type() == DataType.BYTES) {
        BytesElements.requireUtf8(input, "ONNX Runtime's Java API carries string tensors as java.lang.String,"
            + " so only UTF-8 text reaches an ONNX model (the server itself passes any bytes)");
      }
    }
  },
  /** TorchScript on DJL's PyTorch engine; libtorch has no string or unsigned tensors beyond uint8. */
  PYTORCH("pytorch_libtorch", "pytorch", "model.pt", EnumSet.of(DataType.BOOL, DataType.UINT8,
      DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.FP16, DataType.FP32,
      DataType.FP64, DataType.BF16));

  private static final Platform[] ALL = values();

  private final String platformName;
  private final String backendName;
  private final String defaultModelFile;
  private final Set<DataType> types;

  Platform(String platformName, String backendName, String defaultModelFile, Set<DataType> types) {
    this.platformName = platformName;
    this.backendName = backendName;
    this.defaultModelFile = defaultModelFile;
    this.types = types;
  }

  /** Triton's {@code platform} value, e.g. {@code pytorch_libtorch}. */
  public String platformName() {
    return platformName;
  }

  /** Triton's {@code backend} value, e.g. {@code pytorch}. */
  public String backendName() {
    return backendName;
  }

  public String defaultModelFile() {
    return defaultModelFile;
  }

  /** Whether tensors of this type can be handed to the runtime. */
  public boolean supports(DataType type) {
    return types.contains(type);
  }

  /**
   * Refuses an input the runtime cannot be handed unaltered; everything else in the server
   * carries BYTES elements as bytes.
   *
   * @throws dev.convoy.server.error.InvalidInputException naming the input and the element
   */
  public void requireCarriable(Tensor input) {}

  public static Optional<Platform> byPlatformName(String name) {
    return named(Platform::platformName, name);
  }

  public static Optional<Platform> byBackendName(String name) {
    return named(Platform::backendName, name);
  }

  // ModelSpec.runtime asks on every request: a loop over a copy kept, not a stream of values().
  private static Optional<Platform> named(Function<Platform, String> nameOf, String name) {
    for (Platform platform : ALL) {
      if (nameOf.apply(platform).equals(name)) {
        return Optional.of(platform);
      }
    }
    return Optional.empty();
  }

  /** For error messages: every platform and backend name accepted. */
  static String supportedNames() {
    return Arrays.stream(values()).map(p -> "platform '" + p.platformName + "' (backend '" + p.backendName + "')")
        .reduce((a, b) -> a + ", " + b).orElseThrow();
  }
}
