package dev.convoy.server.backend.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ONNX models whose weights live in external data files, the way {@code onnx.save(...,
 * save_as_external_data=True)} lays them out: {@code y = x + w}, with x and y FP32 of shape
 * [4] and w a 4-float initializer whose bytes are at {@code location}, relative to the model
 * file's directory. The model is written field by field (onnx.proto's numbers), so tests need
 * neither Python nor a committed binary.
 */
public final class ExternalDataModels {
  private static final int FLOAT = 1;
  private static final int EXTERNAL = 1;

  private ExternalDataModels() {}

  /** Config of the model, named {@code name}, with no batching. */
  public static String config(String name) {
    return "name: \"" + name + "\"\nplatform: \"onnxruntime_onnx\"\nmax_batch_size: 0\n"
        + "input [ { name: \"x\" data_type: TYPE_FP32 dims: [ 4 ] } ]\n"
        + "output [ { name: \"y\" data_type: TYPE_FP32 dims: [ 4 ] } ]\n";
  }

  /** The 16 bytes of the weights, little-endian FP32, as the external file holds them. */
  public static byte[] weights(float... w) {
    ByteBuffer bytes = ByteBuffer.allocate(w.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : w) {
      bytes.putFloat(value);
    }
    return bytes.array();
  }

  /**
   * Writes the model to {@code modelFile}; its initializer names {@code location}.
   *
   * @param asConstant put the tensor in a Constant node's {@code value} attribute instead of an
   *     initializer, as exporters also do
   */
  public static void write(Path modelFile, String location, boolean asConstant) {
    byte[] weight = tensor(location);
    ByteString.Output graph = ByteString.newOutput();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(graph);
      if (asConstant) {
        byte[] attribute = message(o -> {
          o.writeString(1, "value");
          o.writeByteArray(5, weight);
          o.writeInt32(20, 4); // AttributeProto.TENSOR
        });
        out.writeByteArray(1, message(o -> {
          o.writeString(2, "w");
          o.writeString(4, "Constant");
          o.writeByteArray(5, attribute);
        }));
      } else {
        out.writeByteArray(5, weight);
      }
      out.writeByteArray(1, message(o -> {
        o.writeString(1, "x");
        o.writeString(1, "w");
        o.writeString(2, "y");
        o.writeString(4, "Add");
      }));
      out.writeString(2, "external_add");
      out.writeByteArray(11, valueInfo("x"));
      out.writeByteArray(12, valueInfo("y"));
      out.flush();
      byte[] model = message(o -> {
        o.writeInt64(1, 8); // ir_version
        o.writeByteArray(8, message(op -> op.writeInt64(2, 13))); // opset_import: default domain, 13
        o.writeByteArray(7, graph.toByteString().toByteArray());
      });
      Files.createDirectories(modelFile.getParent());
      Files.write(modelFile, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] tensor(String location) {
    return message(o -> {
      o.writeInt64(1, 4); // dims
      o.writeInt32(2, FLOAT);
      o.writeString(8, "w");
      o.writeByteArray(13, message(e -> {
        e.writeString(1, "location");
        e.writeString(2, location);
      }));
      o.writeByteArray(13, message(e -> {
        e.writeString(1, "length");
        e.writeString(2, "16");
      }));
      o.writeInt32(14, EXTERNAL);
    });
  }

  private static byte[] valueInfo(String name) {
    byte[] shape = message(s -> s.writeByteArray(1, message(d -> d.writeInt64(1, 4))));
    byte[] tensorType = message(t -> {
      t.writeInt32(1, FLOAT);
      t.writeByteArray(2, shape);
    });
    return message(v -> {
      v.writeString(1, name);
      v.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));
    });
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
