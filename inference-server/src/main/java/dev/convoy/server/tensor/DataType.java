package dev.convoy.server.tensor;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Open Inference Protocol datatypes, with their model-configuration twins and element
 * sizes. BYTES elements have no fixed size: each is a 4-byte little-endian length and data.
 */
public enum DataType {
  BOOL(dev.convoy.proto.inference.DataType.TYPE_BOOL, 1),
  UINT8(dev.convoy.proto.inference.DataType.TYPE_UINT8, 1),
  UINT16(dev.convoy.proto.inference.DataType.TYPE_UINT16, 2),
  UINT32(dev.convoy.proto.inference.DataType.TYPE_UINT32, 4),
  UINT64(dev.convoy.proto.inference.DataType.TYPE_UINT64, 8),
  INT8(dev.convoy.proto.inference.DataType.TYPE_INT8, 1),
  INT16(dev.convoy.proto.inference.DataType.TYPE_INT16, 2),
  INT32(dev.convoy.proto.inference.DataType.TYPE_INT32, 4),
  INT64(dev.convoy.proto.inference.DataType.TYPE_INT64, 8),
  FP16(dev.convoy.proto.inference.DataType.TYPE_FP16, 2),
  FP32(dev.convoy.proto.inference.DataType.TYPE_FP32, 4),
  FP64(dev.convoy.proto.inference.DataType.TYPE_FP64, 8),
  BF16(dev.convoy.proto.inference.DataType.TYPE_BF16, 2),
  BYTES(dev.convoy.proto.inference.DataType.TYPE_STRING, 0);

  // Looked up for every input of every request: a map, not a scan of values().
  private static final Map<String, DataType> BY_PROTOCOL_NAME = new HashMap<>();
  private static final Map<dev.convoy.proto.inference.DataType, DataType> BY_CONFIG_TYPE =
      new EnumMap<>(dev.convoy.proto.inference.DataType.class);

  static {
    for (DataType type : values()) {
      BY_PROTOCOL_NAME.put(type.name(), type);
      BY_CONFIG_TYPE.put(type.configType, type);
    }
  }

  private final dev.convoy.proto.inference.DataType configType;
  private final int elementSize;

  DataType(dev.convoy.proto.inference.DataType configType, int elementSize) {
    this.configType = configType;
    this.elementSize = elementSize;
  }

  /** The protocol name, e.g. {@code FP32}; parse it back with {@link #fromProtocolName}. */
  public String protocolName() {
    return name();
  }

  public dev.convoy.proto.inference.DataType configType() {
    return configType;
  }

  /** Bytes per element; 0 for the variable-size BYTES. */
  public int elementSize() {
    return elementSize;
  }

  public boolean isFixedSize() {
    return this != BYTES;
  }

  public static Optional<DataType> fromProtocolName(String name) {
    return Optional.ofNullable(BY_PROTOCOL_NAME.get(name));
  }

  public static Optional<DataType> fromConfigType(dev.convoy.proto.inference.DataType type) {
    return Optional.ofNullable(BY_CONFIG_TYPE.get(type));
  }
}
