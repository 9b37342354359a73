package dev.convoy.server.cache;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.convoy.server.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * What identifies an answer: the model, the loaded version (its {@code scope}, so a reload of
 * the same version number never answers from the old files) and a SHA-256 digest of every
 * input (name, datatype, shape, bytes, as decoded, so raw and typed requests agree) and of the
 * requested outputs with their parameters. Request id, priority and timeout do not change an
 * answer and are left out.
 *
 * @param scope an object unique to one loaded version, compared by identity
 */
public record CacheKey(String model, long version, Object scope, ByteString digest) {

  public static CacheKey of(String model, long version, Object scope, List<Tensor> inputs,
      List<InferRequestedOutputTensor> outputs) {
    MessageDigest sha = sha256();
    for (Tensor input : inputs) {
      text(sha, input.name());
      text(sha, input.type().protocolName());
      long[] shape = input.shape();
      ByteBuffer dims = ByteBuffer.allocate(Integer.BYTES + Long.BYTES * shape.length).order(ByteOrder.LITTLE_ENDIAN);
      dims.putInt(shape.length);
      for (long dim : shape) {
        dims.putLong(dim);
      }
      sha.update(dims.flip());
      ByteBuffer data = input.dataView();
      sha.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(data.remaining()).flip());
      sha.update(data);
    }
    sha.update((byte) 0xFF);
    for (InferRequestedOutputTensor output : outputs) {
      byte[] serialized = output.toBuilder().build().toByteArray();
      sha.update(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(serialized.length).flip());
      sha.update(serialized);
    }
    return new CacheKey(model, version, scope, ByteString.copyFrom(sha.digest()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheKey k && scope == k.scope && version == k.version && model.equals(k.model)
        && digest.equals(k.digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  private static void text(MessageDigest sha, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).flip());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
