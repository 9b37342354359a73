package dev.convoy.server.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedContentsTest {

  @Test
  void toRaw_fp32Contents_littleEndianBytes() {
    InferTensorContents contents = InferTensorContents.newBuilder().addFp32Contents(1.5f).addFp32Contents(-2f).build();
    ByteBuffer raw = TypedContents.toRaw("x", DataType.FP32, 2, contents).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(raw.remaining()).isEqualTo(8);
    assertThat(raw.getFloat(0)).isEqualTo(1.5f);
    assertThat(raw.getFloat(4)).isEqualTo(-2f);
  }

  @Test
  void roundTrip_everyTypedDatatype_preservesValues() {
    assertRoundTrip(DataType.BOOL, InferTensorContents.newBuilder().addBoolContents(true).addBoolContents(false));
    assertRoundTrip(DataType.INT8, InferTensorContents.newBuilder().addIntContents(-128).addIntContents(127));
    assertRoundTrip(DataType.INT16, InferTensorContents.newBuilder().addIntContents(-32768).addIntContents(32767));
    assertRoundTrip(DataType.INT32, InferTensorContents.newBuilder().addIntContents(Integer.MIN_VALUE).addIntContents(7));
    assertRoundTrip(DataType.INT64, InferTensorContents.newBuilder().addInt64Contents(Long.MIN_VALUE).addInt64Contents(9));
    assertRoundTrip(DataType.UINT8, InferTensorContents.newBuilder().addUintContents(255).addUintContents(0));
    assertRoundTrip(DataType.UINT16, InferTensorContents.newBuilder().addUintContents(65535).addUintContents(1));
    assertRoundTrip(DataType.UINT32, InferTensorContents.newBuilder().addUintContents(-1).addUintContents(3));
    assertRoundTrip(DataType.UINT64, InferTensorContents.newBuilder().addUint64Contents(-1L).addUint64Contents(3));
    assertRoundTrip(DataType.FP64, InferTensorContents.newBuilder().addFp64Contents(Math.PI).addFp64Contents(-0.0));
    assertRoundTrip(DataType.BYTES, InferTensorContents.newBuilder()
        .addBytesContents(ByteString.copyFromUtf8("héllo")).addBytesContents(ByteString.EMPTY));
  }

  @Test
  void toRaw_countDiffersFromShape_namesInputAndCounts() {
    InferTensorContents contents = InferTensorContents.newBuilder().addFp32Contents(1f).build();
    assertThatThrownBy(() -> TypedContents.toRaw("pixels", DataType.FP32, 64, contents))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'pixels'").hasMessageContaining("64").hasMessageContaining("fp32_contents holds 1");
  }

  @Test
  void toRaw_wrongTypedField_namesTheRightField() {
    InferTensorContents contents = InferTensorContents.newBuilder().addInt64Contents(1).build();
    assertThatThrownBy(() -> TypedContents.toRaw("x", DataType.FP32, 1, contents))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("fp32_contents");
  }

  @Test
  void toRaw_fp16_mustBeRaw() {
    assertThatThrownBy(() -> TypedContents.toRaw("h", DataType.FP16, 0, InferTensorContents.getDefaultInstance()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("raw_input_contents");
  }

  @Test
  void bytesElements_truncatedPrefix_isRejected() {
    ByteBuffer raw = ByteBuffer.wrap(new byte[] {5, 0, 0, 0, 'a'});
    assertThatThrownBy(() -> BytesElements.decode(raw, 1, "s"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'s'").hasMessageContaining("declares 5 bytes");
  }

  @Test
  void bytesElements_encodeDecode_roundTrips() {
    List<byte[]> elements = List.of("ab".getBytes(), new byte[0], new byte[] {0, -1});
    List<byte[]> decoded = BytesElements.decode(BytesElements.encode(elements), 3, "s");
    assertThat(decoded).containsExactly(elements.toArray(new byte[0][]));
  }

  private static void assertRoundTrip(DataType type, InferTensorContents.Builder contents) {
    ByteBuffer raw = TypedContents.toRaw("t", type, 2, contents.build()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(typedOf(type, raw)).as(type.name()).isEqualTo(contents.build());
  }

  /** The typed contents raw bytes stand for, decoded independently of the code under test. */
  private static InferTensorContents typedOf(DataType type, ByteBuffer in) {
    InferTensorContents.Builder out = InferTensorContents.newBuilder();
    while (in.hasRemaining()) {
      switch (type) {
        case BOOL -> out.addBoolContents(in.get() != 0);
        case INT8 -> out.addIntContents(in.get());
        case INT16 -> out.addIntContents(in.getShort());
        case INT32 -> out.addIntContents(in.getInt());
        case INT64 -> out.addInt64Contents(in.getLong());
        case UINT8 -> out.addUintContents(Byte.toUnsignedInt(in.get()));
        case UINT16 -> out.addUintContents(Short.toUnsignedInt(in.getShort()));
        case UINT32 -> out.addUintContents(in.getInt());
        case UINT64 -> out.addUint64Contents(in.getLong());
        case FP64 -> out.addFp64Contents(in.getDouble());
        case BYTES -> {
          byte[] element = new byte[in.getInt()];
          in.get(element);
          out.addBytesContents(ByteString.copyFrom(element));
        }
        default -> throw new IllegalArgumentException(type.name());
      }
    }
    return out.build();
  }
}
