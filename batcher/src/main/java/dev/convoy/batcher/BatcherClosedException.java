package dev.convoy.batcher;

/** The batcher is draining or closed and takes no new requests. */
public final class BatcherClosedException extends RejectedException {
  BatcherClosedException(String batcherName) {
    super(batcherName, "not accepting requests: the batcher is draining or closed");
  }
}
