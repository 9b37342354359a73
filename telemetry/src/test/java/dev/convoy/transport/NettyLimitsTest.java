package dev.convoy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.channel.ChannelConfig;
import io.grpc.netty.shaded.io.netty.channel.RecvByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class NettyLimitsTest {
  @Test
  void oneReadPerTurn_connectionThatAlwaysFillsItsBuffer_readsOnceAndAtMostTheBoundEachTurn() {
    ChannelConfig config = new EmbeddedChannel().config();
    RecvByteBufAllocator.Handle handle = NettyLimits.oneReadPerTurn().newHandle();

    for (int turn = 0; turn < 32; turn++) {
      handle.reset(config);
      int size = handle.guess();
      assertThat(size).as("bytes read in turn %d", turn).isLessThanOrEqualTo(NettyLimits.MAX_READ_BYTES);
      handle.attemptedBytesRead(size);
      handle.lastBytesRead(size); // the socket had more than that
      handle.incMessagesRead(1);
      assertThat(handle.continueReading()).as("another read in turn %d", turn).isFalse();
      handle.readComplete();
    }
    assertThat(handle.guess()).isEqualTo(NettyLimits.MAX_READ_BYTES);
  }
}
