package dev.convoy.monitor.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit key samples are found by: the first eight bytes of the SHA-256 of the request id.
 * Equal ids have equal hashes; unequal ones almost never do, and lookups compare the id too.
 */
final class RequestHash {
  private RequestHash() {}

  static long of(String requestId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
