package dev.convoy.server.backend.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable native-order direct buffers for one instance's input tensors. ONNX Runtime reads a
 * direct buffer in place, and allocating one per request costs more than the copy into it
 * (a native allocation, zeroing, and a cleaner to free it), so buffers go back to the pool
 * once their run is over (see {@link Lease}). Only a few small buffers are kept: an instance runs one batch at a
 * time, and a buffer larger than {@link #MAX_KEPT_BYTES} is left to the garbage collector.
 */
final class DirectBuffers {
  static final int MAX_KEPT_BYTES = 4 << 20;
  private static final int MAX_KEPT = 8;

  private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();

  /** The buffers of one run: every buffer taken through it goes back when it closes. */
  final class Lease implements AutoCloseable {
    private final List<ByteBuffer> taken = new ArrayList<>(2);

    /** A cleared buffer of at least {@code bytes}, limited to exactly {@code bytes}. */
    ByteBuffer take(int bytes) {
      ByteBuffer buffer = DirectBuffers.this.take(bytes);
      taken.add(buffer);
      return buffer;
    }

    /** Call once the runtime tensors over these buffers are closed. */
    @Override
    public void close() {
      taken.forEach(DirectBuffers.this::give);
    }
  }

  Lease lease() {
    return new Lease();
  }

  private ByteBuffer take(int bytes) {
    for (ByteBuffer buffer = free.pollFirst(); buffer != null; buffer = free.pollFirst()) {
      if (buffer.capacity() >= bytes) {
        return buffer.clear().limit(bytes);
      }
    }
    int capacity = bytes <= 64 ? 64 : Integer.highestOneBit(bytes - 1) << 1;
    return ByteBuffer.allocateDirect(capacity > 0 ? capacity : bytes).order(ByteOrder.nativeOrder()).limit(bytes);
  }

  private void give(ByteBuffer buffer) {
    if (buffer.capacity() <= MAX_KEPT_BYTES && free.size() < MAX_KEPT) {
      free.addFirst(buffer);
    }
  }
}
