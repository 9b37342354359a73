package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.backend.Backend;
import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.EjectionSettings;
import dev.convoy.router.fault.Ejection;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutDecisionTest {
  private static FanOut.Reply reply(String host, Status status) {
    Backend backend = new Backend(new BackendTarget(host, 8001, BackendKind.CPU, 1), "static", null,
        new Ejection(new EjectionSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(1))));
    return new FanOut.Reply(backend, status, status.isOk() ? new byte[0] : null);
  }

  @Test
  void decide_lenientWithOneSuccess_ok() {
    List<FanOut.Reply> replies = List.of(reply("a", Status.UNAVAILABLE), reply("b", Status.OK));

    assertThat(FanOutHandler.decide(replies, false).isOk()).isTrue();
  }

  @Test
  void decide_strictWithOneFailure_failureNamingBackend() {
    List<FanOut.Reply> replies = List.of(reply("a", Status.OK),
        reply("b", Status.INVALID_ARGUMENT.withDescription("bad config")));

    Status status = FanOutHandler.decide(replies, true);

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("backend b:8001: bad config");
  }

  @Test
  void decide_strictWithNotFoundOnSomeBackends_ok() {
    List<FanOut.Reply> replies = List.of(reply("a", Status.NOT_FOUND), reply("b", Status.OK));

    assertThat(FanOutHandler.decide(replies, true).isOk()).isTrue();
  }

  @Test
  void decide_allNotFound_notFound() {
    List<FanOut.Reply> replies = List.of(reply("a", Status.NOT_FOUND.withDescription("unknown model 'x'")),
        reply("b", Status.NOT_FOUND));

    assertThat(FanOutHandler.decide(replies, false).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(FanOutHandler.decide(replies, true).getDescription()).contains("unknown model 'x'");
  }

  @Test
  void decide_lenientAllFailed_firstRealFailureOverNotFound() {
    List<FanOut.Reply> replies = List.of(reply("a", Status.NOT_FOUND), reply("b", Status.UNAVAILABLE));

    assertThat(FanOutHandler.decide(replies, false).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}
