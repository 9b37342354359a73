package dev.convoy.loadtest.input;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ghz's {@code -b}/{@code -B} data: several count-prefixed messages (each preceded by its
 * varint length, as {@code writeDelimitedTo} writes them), or else one serialised message.
 */
public final class BinaryRequests {

  private BinaryRequests() {}

  /**
   * @param source where the bytes came from, for errors
   * @throws InputException when the bytes are neither form
   */
  public static List<Message> parse(byte[] bytes, Message prototype, String source)
      throws InputException {
    if (bytes.length == 0) {
      return List.of(prototype);
    }
    List<Message> delimited = delimited(bytes, prototype);
    if (!delimited.isEmpty()) {
      return delimited;
    }
    try {
      return List.of(prototype.getParserForType().parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new InputException("Error creating message from binary data (" + source + "): "
          + e.getMessage(), e);
    }
  }

  /** The messages if the bytes are exactly a sequence of length-prefixed ones, else none. */
  private static List<Message> delimited(byte[] bytes, Message prototype) {
    List<Message> messages = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      while (!in.isAtEnd()) {
        int length = in.readRawVarint32();
        if (length < 0 || length > bytes.length - in.getTotalBytesRead()) {
          return List.of();
        }
        messages.add(prototype.getParserForType().parseFrom(in.readRawBytes(length)));
      }
      return messages;
    } catch (IOException e) {
      return List.of();
    }
  }
}
