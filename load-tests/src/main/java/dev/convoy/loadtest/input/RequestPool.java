package dev.convoy.loadtest.input;

import java.util.List;
import java.util.function.LongFunction;

/** A fixed list of requests, handed out round-robin by call index. Thread-safe. */
public final class RequestPool<T> implements LongFunction<T> {

  private final List<T> requests;

  public RequestPool(List<? extends T> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("a request pool needs at least one request");
    }
    this.requests = List.copyOf(requests);
  }

  @Override
  public T apply(long index) {
    return requests.get((int) Math.floorMod(index, (long) requests.size()));
  }

  public List<T> requests() {
    return requests;
  }

  public int size() {
    return requests.size();
  }
}
