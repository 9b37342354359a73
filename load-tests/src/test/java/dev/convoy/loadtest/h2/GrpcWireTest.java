package dev.convoy.loadtest.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import org.junit.jupiter.api.Test;

class GrpcWireTest {

  @Test
  void frame_prefixesFlagAndBigEndianLength() {
    assertThat(GrpcWire.frame(new byte[] {7, 8, 9})).containsExactly(0, 0, 0, 0, 3, 7, 8, 9);
  }

  @Test
  void timeout_finestUnitWithinEightDigits() {
    assertThat(GrpcWire.timeout(20_000_000_000L)).isEqualTo("20000000u");
    assertThat(GrpcWire.timeout(200_000_000_000L)).isEqualTo("200000m");
    assertThat(GrpcWire.timeout(1_500)).isEqualTo("1500n");
    assertThat(GrpcWire.timeout(100_000_000_001L)).isEqualTo("100001m");
  }

  @Test
  void status_fromTrailers_decodesMessage() {
    Status status = GrpcWire.status(new DefaultHttp2Headers()
        .add("grpc-status", "5").add("grpc-message", "no model 'x' %E2%9C%93 100%"), 200);

    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status.getDescription()).isEqualTo("no model 'x' \u2713 100%");
  }

  @Test
  void status_withoutGrpcStatus_mapsHttpStatus() {
    assertThat(GrpcWire.status(new DefaultHttp2Headers(), 503).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(GrpcWire.status(new DefaultHttp2Headers(), 404).getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
  }
}
