package dev.convoy.transport;

import io.grpc.Codec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * gRPC's {@code deflate} message encoding: the zlib format (RFC 1950), as gRPC's C core (and so
 * Triton and tritonclient) writes it. grpc-java ships only gzip and identity.
 */
public final class DeflateCodec implements Codec {
  public static final String ENCODING = "deflate";

  @Override
  public String getMessageEncoding() {
    return ENCODING;
  }

  @Override
  public OutputStream compress(OutputStream os) {
    return new DeflaterOutputStream(os);
  }

  @Override
  public InputStream decompress(InputStream is) {
    return new InflaterInputStream(is);
  }
}
