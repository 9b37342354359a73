package dev.convoy.loadtest.input;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.convoy.loadtest.grpc.MetadataJson;
import dev.convoy.loadtest.grpc.RequestSource;
import io.grpc.Metadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Requests and headers rendered per call from ghz's call-data templates, then parsed (JSON in
 * the protobuf mapping for data, a JSON object for headers). A part without template actions
 * is parsed once. {@code dynamicMessages} renders each message of a stream separately (ghz's
 * {@code --stream-dynamic-messages}); otherwise a stream's messages come from one rendering.
 */
public final class TemplatedRequests implements RequestSource {

  private final Descriptors.MethodDescriptor method;
  private final Message prototype;
  private final CallTemplate data;
  private final List<byte[]> fixedBodies;
  private final CallTemplate headers;
  private final Metadata fixedHeaders;
  private final boolean dynamicMessages;
  private final Clock clock;

  /**
   * @param data the data template, or null for {@code fixedBodies}
   * @param fixedBodies the requests when there is no data template
   * @param headers the metadata template, or null for {@code fixedHeaders}
   */
  public TemplatedRequests(Descriptors.MethodDescriptor method, Message prototype,
      CallTemplate data, List<byte[]> fixedBodies, CallTemplate headers, Metadata fixedHeaders,
      boolean dynamicMessages, Clock clock) {
    this.method = method;
    this.prototype = prototype;
    this.data = data;
    this.fixedBodies = List.copyOf(fixedBodies);
    this.headers = headers;
    this.fixedHeaders = fixedHeaders;
    this.dynamicMessages = dynamicMessages;
    this.clock = clock;
  }

  /** Renders call 0 once, so that a template that makes no valid request fails at start-up. */
  public void check() throws InputException {
    if (data != null) {
      render(0, 0);
    }
    if (headers != null) {
      MetadataJson.parse(headers.render(callData(0, 0)), "-m/--metadata (rendered)");
    }
  }

  @Override
  public byte[] body(int slot, long index) {
    List<byte[]> bodies = data == null ? fixedBodies : renderUnchecked(slot, index);
    return bodies.get((int) Math.floorMod(index, (long) bodies.size()));
  }

  @Override
  public List<byte[]> messages(int slot, long index, long count) {
    List<byte[]> bodies = data == null ? fixedBodies : renderUnchecked(slot, index);
    long n = count > 0 ? count : bodies.size();
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dynamicMessages && data != null && i > 0) {
        bodies = renderUnchecked(slot, index);
      }
      messages.add(bodies.get(i % bodies.size()));
    }
    return messages;
  }

  @Override
  public Metadata headers(int slot, long index) {
    Metadata copy = new Metadata();
    if (headers == null) {
      copy.merge(fixedHeaders);
      return copy;
    }
    return MetadataJson.parse(headers.render(callData(slot, index)), "-m/--metadata (rendered)");
  }

  private List<byte[]> renderUnchecked(int slot, long index) {
    try {
      return render(slot, index);
    } catch (InputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private List<byte[]> render(int slot, long index) throws InputException {
    String json = data.render(callData(slot, index));
    List<byte[]> bodies = new ArrayList<>();
    for (Message m : JsonRequests.parse(json, prototype, "call data (rendered)")) {
      bodies.add(m.toByteArray());
    }
    return bodies;
  }

  private CallData callData(int slot, long index) {
    Random random = ThreadLocalRandom.current();
    return CallData.of(method, "w" + slot, index, clock.instant(), random);
  }
}
