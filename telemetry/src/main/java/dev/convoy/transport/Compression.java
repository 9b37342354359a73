package dev.convoy.transport;

import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;

/**
 * The message encodings Convoy's servers and channels accept: identity, gzip (grpc-java's) and
 * deflate ({@link DeflateCodec}), the set Triton's clients may send. Pass both registries to
 * every server and channel builder.
 */
public final class Compression {
  private static final CompressorRegistry COMPRESSORS = buildCompressors();
  private static final DecompressorRegistry DECOMPRESSORS =
      DecompressorRegistry.getDefaultInstance().with(new DeflateCodec(), true);

  private Compression() {}

  public static CompressorRegistry compressors() {
    return COMPRESSORS;
  }

  public static DecompressorRegistry decompressors() {
    return DECOMPRESSORS;
  }

  private static CompressorRegistry buildCompressors() {
    CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
    registry.register(Codec.Identity.NONE);
    registry.register(new Codec.Gzip());
    registry.register(new DeflateCodec());
    return registry;
  }
}
