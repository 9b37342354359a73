package dev.convoy.monitor.store;

/**
 * The 64-bit key the in-memory {@link RequestIndex} finds request ids by: FNV-1a over the id's
 * characters, then MurmurHash3's finaliser to spread the bits. Equal ids have equal hashes;
 * unequal ones rarely do, and every lookup compares the stored id too. Hashes are never
 * stored, so the function may change between versions.
 */
final class RequestHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RequestHash() {}

  static long of(String requestId) {
    long h = FNV_OFFSET;
    for (int i = 0; i < requestId.length(); i++) {
      h = (h ^ requestId.charAt(i)) * FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
