package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.router.BackendStatus;
import dev.convoy.router.backend.BackendState;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries on another backend, the retry budget, and ejection, against recording backends. */
class RetryAndEjectionTest {
  private RecordingBackend sick;
  private RecordingBackend well;

  @BeforeEach
  void start() {
    sick = new RecordingBackend("sick", "digits_mlp");
    well = new RecordingBackend("well", "digits_mlp");
  }

  @AfterEach
  void stop() throws Exception {
    sick.close();
    well.close();
  }

  private RouterUnderTest router(String settings) {
    return new RouterUnderTest("backend = " + sick.address() + "\nbackend = " + well.address() + "\n" + settings);
  }

  @Test
  void modelInfer_queueFullOnOneBackend_retriedOnTheOther() throws Exception {
    sick.fail(Status.RESOURCE_EXHAUSTED.withDescription("queue of model 'digits_mlp' is full"));
    // Half the first attempts fail here: a budget that covers them all.
    try (RouterUnderTest router = router("retry.budget.ratio = 1\n")) {
      List<LoadRun.Failure> failures = LoadRun.run(40, 1, i -> router.stub().modelInfer(Requests.digitsMlp()));

      assertThat(failures).isEmpty();
      assertThat(sick.inferCalls()).as("first attempts on the full backend").isPositive();
      assertThat(well.inferCalls()).isEqualTo(40);
    }
  }

  @Test
  void modelInfer_invalidArgument_notRetried() throws Exception {
    sick.fail(Status.INVALID_ARGUMENT.withDescription("input 'input': bad shape"));
    try (RouterUnderTest router = router("")) {
      List<LoadRun.Failure> failures = LoadRun.run(40, 1, i -> router.stub().modelInfer(Requests.digitsMlp()));

      assertThat(failures).hasSize(sick.inferCalls());
      assertThat(failures).allSatisfy(f -> assertThat(f.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      assertThat(well.inferCalls()).isEqualTo(40 - failures.size());
    }
  }

  @Test
  void modelInfer_retryBudgetSpent_failuresReachTheClient() throws Exception {
    sick.fail(Status.RESOURCE_EXHAUSTED.withDescription("queue full"));
    try (RouterUnderTest router = router("retry.budget.ratio = 0\nretry.budget.min = 2\nretry.budget.window = 1h\n")) {
      List<LoadRun.Failure> failures = LoadRun.run(40, 1, i -> router.stub().modelInfer(Requests.digitsMlp()));

      assertThat(sick.inferCalls()).isGreaterThan(2);
      assertThat(failures).hasSize(sick.inferCalls() - 2);
      assertThat(failures).allSatisfy(f -> assertThat(f.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }
  }

  @Test
  void modelInfer_backendKeepsFailing_ejectedAndNoLongerTried() throws Exception {
    sick.fail(Status.UNAVAILABLE.withDescription("model 'digits_mlp' is not ready"));
    try (RouterUnderTest router = router("ejection.failures = 3\nejection.base = 1h\nejection.max = 2h\n")) {
      List<LoadRun.Failure> failures = LoadRun.run(60, 1, i -> router.stub().modelInfer(Requests.digitsMlp()));

      assertThat(failures).isEmpty();
      assertThat(sick.inferCalls()).isEqualTo(3);
      assertThat(router.backend(sick.address()).state()).isEqualTo(BackendState.EJECTED);
      BackendStatus listed = router.listBackends().getBackendsList().stream()
          .filter(b -> b.getAddress().equals(sick.address())).findFirst().orElseThrow();
      assertThat(listed.getState()).isEqualTo(BackendStatus.State.EJECTED);
      assertThat(listed.getEjections()).isEqualTo(1);
      assertThat(listed.getFailed()).isEqualTo(3);
      assertThat(listed.getStateReason()).contains("ejected");
    }
  }
}
