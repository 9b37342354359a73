package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.testing.PrometheusText;
import dev.convoy.telemetry.testing.ScrapedTelemetry;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose client cancels it in the same read that brought it (a flood of 1-5 ms deadlines
 * does this all the time) is not forwarded: the router handles the whole read before it starts
 * calls to backends.
 */
class CancelledInItsReadTest {
  private static final String MODEL_INFER = "/" + GRPCInferenceServiceGrpc.SERVICE_NAME + "/ModelInfer";
  private Telemetry telemetry;
  private RecordingBackend backend;
  private RouterUnderTest router;

  @BeforeEach
  void start() {
    telemetry = ScrapedTelemetry.start("convoy-router");
    backend = new RecordingBackend("recorder", "digits_mlp");
    router = new RouterUnderTest("backend = " + backend.address() + "\n", RouterEnvironment.system(),
        telemetry.openTelemetry());
  }

  @AfterEach
  void stop() throws Exception {
    router.close();
    backend.close();
    telemetry.close();
  }

  @Test
  void modelInfer_cancelledInTheReadThatBroughtIt_neverChosenABackend() throws Exception {
    byte[] frames = new Http2Frames("127.0.0.1:" + router.router.port())
        .call(1, MODEL_INFER, Requests.digitsMlp().toBuilder().setId("cancelled").build())
        .cancel(1)
        .call(3, MODEL_INFER, Requests.digitsMlp().toBuilder().setId("forwarded").build())
        .bytes();

    try (Socket socket = new Socket("127.0.0.1", router.router.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(frames); // one write: the router reads the three calls' frames at once
      out.flush();
      while (!backend.nextReceived().id().equals("forwarded")) {
        // the cancelled call, if it was forwarded after all: counted below
      }
    }

    // Calls of one connection are chosen in the order they arrived: "cancelled" before "forwarded".
    assertThat(PrometheusText.scrape(telemetry.metricsPort().getAsInt())
        .value("convoy_router_backend_choices_total", "backend", backend.address()))
        .as("backends chosen for the two calls").isEqualTo(1.0);
  }
}
