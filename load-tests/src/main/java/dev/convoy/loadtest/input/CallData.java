package dev.convoy.loadtest.input;

import com.google.protobuf.Descriptors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What ghz's templates see for one call (runner.CallData): the method's names, the call's
 * number and worker, its time and a fresh UUID; random values come from {@code random}.
 *
 * @param method the method called
 * @param workerId the worker that makes the call ({@code g<group>c<connection>} in ghz; here
 *     {@code w<slot>})
 * @param requestNumber the call's number, from 0
 * @param now the call's time
 * @param random source of the random functions' values
 * @param uuid the call's UUID, {@code {{.UUID}}}
 */
public record CallData(Descriptors.MethodDescriptor method, String workerId, long requestNumber,
    Instant now, Random random, String uuid) {

  /** The data of one call, with a fresh version-4 UUID. */
  public static CallData of(Descriptors.MethodDescriptor method, String workerId,
      long requestNumber, Instant now, Random random) {
    return new CallData(method, workerId, requestNumber, now, random, randomUuid(random));
  }

  /** The fields a template may name, as {@code {{.Name}}}. */
  static final Set<String> FIELDS = Set.of("WorkerID", "RequestNumber", "FullyQualifiedName",
      "MethodName", "ServiceName", "InputName", "OutputName", "IsClientStreaming",
      "IsServerStreaming", "Timestamp", "TimestampUnix", "TimestampUnixMilli",
      "TimestampUnixNano", "UUID");

  private static final String CHARSET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int MIN_RANDOM_LENGTH = 2;
  private static final int MAX_RANDOM_LENGTH = 16;

  String field(String name) {
    return switch (name) {
      case "WorkerID" -> workerId;
      case "RequestNumber" -> Long.toString(requestNumber);
      case "FullyQualifiedName" -> method.getFullName();
      case "MethodName" -> method.getName();
      case "ServiceName" -> method.getService().getName();
      case "InputName" -> method.getInputType().getName();
      case "OutputName" -> method.getOutputType().getName();
      case "IsClientStreaming" -> Boolean.toString(method.isClientStreaming());
      case "IsServerStreaming" -> Boolean.toString(method.isServerStreaming());
      case "Timestamp" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
      case "TimestampUnix" -> Long.toString(now.getEpochSecond());
      case "TimestampUnixMilli" -> Long.toString(now.toEpochMilli());
      case "TimestampUnixNano" -> Long.toString(
          now.getEpochSecond() * 1_000_000_000L + now.getNano());
      case "UUID" -> uuid;
      default -> throw new IllegalArgumentException(name);
    };
  }

  String newUuid() {
    return randomUuid(random);
  }

  private static String randomUuid(Random random) {
    return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
        random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
  }

  /** ghz's randomString: {@code length} letters and digits; 2 to 16 of them when not positive. */
  String randomString(int length) {
    int n = length > 0 ? length
        : MIN_RANDOM_LENGTH + random.nextInt(MAX_RANDOM_LENGTH - MIN_RANDOM_LENGTH + 1);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(CHARSET.charAt(random.nextInt(CHARSET.length())));
    }
    return s.toString();
  }

  /** ghz's randomInt: in [min, max), min raised to 0, max to 1. */
  long randomInt(long min, long max) {
    long lo = Math.max(0, min);
    long hi = max <= 0 ? 1 : max;
    if (hi <= lo) {
      return lo;
    }
    return lo + (long) (random.nextDouble() * (hi - lo));
  }
}
