package dev.convoy.chaos;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Malformed requests of every kind the hardening issue lists, sent at a bounded concurrency;
 * each answer's status is counted by kind. The goal: no UNKNOWN or INTERNAL.
 */
final class Fuzz {
  private static final int IN_FLIGHT = 8;

  /** One kind of malformed call: the messages a unary call carries (zero, one or two). */
  private record Kind(String name, Function<Random, List<byte[]>> messages) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("random-bytes", r -> List.of(randomBytes(r))),
      new Kind("truncated", r -> List.of(truncated(r))),
      new Kind("nested-groups", r -> List.of(nested(r))),
      new Kind("bit-flip", r -> List.of(bitFlipped(r))),
      new Kind("non-utf8-name", r -> List.of(nonUtf8Name(r))),
      new Kind("shape-overflow", r -> List.of(Requests.typedIdentity("in_fp32", new long[] {(1L << 62) + 1},
          ByteString.copyFrom(new byte[4])).toByteArray())),
      new Kind("huge-dims", r -> List.of(hugeDims(r))),
      new Kind("negative-dims", r -> List.of(Requests.typedIdentity("in_fp32", new long[] {-1 - r.nextInt(1000)},
          ByteString.copyFrom(new byte[4])).toByteArray())),
      new Kind("zero-messages", r -> List.of()),
      new Kind("two-messages", r -> List.of(Requests.digits().toByteArray(), Requests.digits().toByteArray())),
      new Kind("empty-bytes-elements", r -> List.of(Requests.emptyBytesElements(100_000 + r.nextInt(1000))
          .toByteArray())),
      new Kind("non-utf8-bytes-element", r -> List.of(Requests.typedIdentity("in_bytes", new long[] {1},
          ByteString.copyFrom(new byte[] {2, 0, 0, 0, (byte) 0xff, (byte) 0xfe})).toByteArray())),
      new Kind("long-model-name", r -> List.of(Requests.digits("x".repeat(20_000 + r.nextInt(100))).toByteArray())),
      new Kind("bytes-count-mismatch", r -> List.of(Requests.typedIdentity("in_bytes", new long[] {1 + r.nextInt(5)},
          ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'x'})).toByteArray())));

  private Fuzz() {}

  /** Sends {@code requests} malformed calls over {@code channel}, kinds in turn; returns the tally. */
  static StatusTally run(Channel channel, int requests, long seed) throws InterruptedException {
    Random random = new Random(seed);
    StatusTally tally = new StatusTally();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (int i = 0; i < requests; i++) {
      Kind kind = KINDS.get(i % KINDS.size());
      List<byte[]> messages = kind.messages().apply(random);
      inFlight.acquire();
      send(channel, messages, code -> {
        tally.count(kind.name(), code);
        inFlight.release();
      });
    }
    inFlight.acquire(IN_FLIGHT);
    return tally;
  }

  private static void send(Channel channel, List<byte[]> messages, java.util.function.Consumer<Status.Code> done) {
    ClientCall<byte[], ModelInferResponse> call = channel.newCall(Requests.RAW_INFER,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        done.accept(status.getCode());
      }
    }, new Metadata());
    call.request(1);
    messages.forEach(call::sendMessage);
    call.halfClose();
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(300)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] truncated(Random random) {
    byte[] whole = Requests.digits().toByteArray();
    return Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
  }

  /** Start-group tags nested past protobuf's recursion limit, or nested length-delimited fields. */
  private static byte[] nested(Random random) {
    int depth = 150 + random.nextInt(500);
    ByteBuffer out = ByteBuffer.allocate(depth * 2);
    for (int i = 0; i < depth; i++) {
      out.put((byte) ((3 << 3) | 3));
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  private static byte[] bitFlipped(Random random) {
    byte[] bytes = Requests.digits().toByteArray();
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      int at = random.nextInt(Math.min(bytes.length, 64));
      bytes[at] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  private static byte[] nonUtf8Name(Random random) {
    byte[] name = {(byte) 0xc3, (byte) 0x28, (byte) (0x80 + random.nextInt(0x40))};
    byte[] rest = Requests.digits().toBuilder().clearModelName().build().toByteArray();
    ByteBuffer out = ByteBuffer.allocate(2 + name.length + rest.length);
    return out.put((byte) 0x0a).put((byte) name.length).put(name).put(rest).array();
  }

  private static byte[] hugeDims(Random random) {
    ModelInferRequest.Builder request = Requests.digits().toBuilder();
    request.getInputsBuilder(0).setShape(1, Long.MAX_VALUE - random.nextInt(1000));
    return request.build().toByteArray();
  }

}
