package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.engine.CallOutcome;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class GrpcOutcomesTest {

  @Test
  void codeName_grpcCodes_grpcGoSpelling() {
    assertThat(GrpcOutcomes.codeName(Status.Code.OK)).isEqualTo("OK");
    assertThat(GrpcOutcomes.codeName(Status.Code.UNAVAILABLE)).isEqualTo("Unavailable");
    assertThat(GrpcOutcomes.codeName(Status.Code.DEADLINE_EXCEEDED)).isEqualTo("DeadlineExceeded");
    assertThat(GrpcOutcomes.codeName(Status.Code.RESOURCE_EXHAUSTED))
        .isEqualTo("ResourceExhausted");
    assertThat(GrpcOutcomes.codeName(Status.Code.CANCELLED)).isEqualTo("Canceled");
  }

  @Test
  void of_failedStatus_errorTextAsGrpcGoPrintsIt() {
    CallOutcome outcome =
        GrpcOutcomes.of(Status.INVALID_ARGUMENT.withDescription("input 'x' has wrong shape"));

    assertThat(outcome.status()).isEqualTo("InvalidArgument");
    assertThat(outcome.error())
        .isEqualTo("rpc error: code = InvalidArgument desc = input 'x' has wrong shape");
  }

  @Test
  void of_ok_isOk() {
    assertThat(GrpcOutcomes.of(Status.OK).isOk()).isTrue();
  }
}
