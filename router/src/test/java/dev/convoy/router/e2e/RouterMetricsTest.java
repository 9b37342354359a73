package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convoy.router.RouterEnvironment;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.testing.PrometheusText;
import dev.convoy.telemetry.testing.ScrapedTelemetry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import dev.convoy.telemetry.testing.Promtool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through the router, then a scrape of its {@code /metrics} parsed as strict Prometheus text. */
class RouterMetricsTest {
  private Telemetry telemetry;
  private RecordingBackend a;
  private RecordingBackend b;
  private RouterUnderTest router;

  @BeforeEach
  void start() {
    telemetry = ScrapedTelemetry.start("convoy-router");
    a = new RecordingBackend("a", "digits_mlp");
    b = new RecordingBackend("b", "digits_mlp");
  }

  @AfterEach
  void stop() throws Exception {
    if (router != null) {
      router.close();
    }
    a.close();
    b.close();
    telemetry.close();
  }

  private void route(String settings) {
    router = new RouterUnderTest("backend = " + a.address() + ",kind=GPU\nbackend = " + b.address() + "\n" + settings,
        RouterEnvironment.system(), telemetry.openTelemetry());
  }

  private PrometheusText.Exposition scrape() throws Exception {
    return PrometheusText.scrape(telemetry.metricsPort().getAsInt());
  }

  @Test
  void scrape_afterCalls_requestsByModelAndStatusAndEachBackendsState() throws Exception {
    route("");
    for (int i = 0; i < 4; i++) {
      router.stub().modelInfer(Requests.digitsMlp());
    }
    assertThatThrownBy(() -> router.stub().modelInfer(Requests.fp32("made_up", "input", new long[] {1}, 1f)))
        .isInstanceOf(StatusRuntimeException.class);

    PrometheusText.Exposition scraped = scrape();

    assertThat(scraped.type("convoy_router_requests_total")).isEqualTo("counter");
    assertThat(scraped.value("convoy_router_requests_total",
        "method", "ModelInfer", "model", "digits_mlp", "status", "OK")).isEqualTo(4.0);
    assertThat(scraped.value("convoy_router_requests_total", "model", "", "status", "NOT_FOUND"))
        .as("a model no backend serves is counted without its name").isEqualTo(1.0);
    assertThat(scraped.type("convoy_router_request_duration_seconds")).isEqualTo("histogram");
    assertThat(scraped.value("convoy_router_request_duration_seconds_count",
        "method", "ModelInfer", "model", "digits_mlp", "status", "OK")).isEqualTo(4.0);
    assertThat(scraped.value("convoy_router_request_duration_seconds_bucket",
        "model", "digits_mlp", "status", "OK", "le", "+Inf")).isEqualTo(4.0);

    assertThat(scraped.type("convoy_router_backend_state")).isEqualTo("gauge");
    for (RecordingBackend backend : new RecordingBackend[] {a, b}) {
      assertThat(scraped.value("convoy_router_backend_state", "backend", backend.address(), "state", "HEALTHY"))
          .isEqualTo(1.0);
      assertThat(scraped.value("convoy_router_backend_state", "backend", backend.address(), "state", "UNHEALTHY"))
          .isZero();
      assertThat(scraped.value("convoy_router_backend_state", "backend", backend.address(), "state", "EJECTED"))
          .isZero();
      assertThat(scraped.value("convoy_router_backend_outstanding", "backend", backend.address())).isZero();
      assertThat(scraped.value("convoy_router_ejections_total", "backend", backend.address())).isZero();
    }
    // Four calls over two backends may all go to one: a backend never chosen has no series yet.
    assertThat(scraped.samples("convoy_router_backend_choices_total").stream()
        .mapToDouble(PrometheusText.Sample::value).sum())
        .isEqualTo(a.inferCalls() + b.inferCalls()).isEqualTo(4.0);
    assertThat(scraped.samples("convoy_router_retries_total")).isEmpty();
    assertThat(scraped.value("target_info", "service_name", "convoy-router")).isEqualTo(1.0);
  }

  @Test
  void scrape_backendsFailing_retriesRefusalsEjectionsAndEjectedState() throws Exception {
    Status down = Status.UNAVAILABLE.withDescription("model 'digits_mlp' is not ready");
    a.fail(down);
    b.fail(down);
    // One failure ejects; one retry in the budget.
    route("ejection.failures = 1\nejection.base = 1h\nejection.max = 2h\n"
        + "retry.budget.min = 1\nretry.budget.ratio = 0\nretry.budget.window = 1h\n");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    PrometheusText.Exposition scraped = scrape();

    assertThat(scraped.value("convoy_router_requests_total", "model", "digits_mlp", "status", "UNAVAILABLE"))
        .isEqualTo(2.0);
    // The first call is retried, the second (on the ejected backends, all there is) is refused.
    assertThat(scraped.type("convoy_router_retries_total")).isEqualTo("counter");
    assertThat(scraped.samples("convoy_router_retries_total"))
        .singleElement().satisfies(s -> {
          assertThat(s.labels()).containsEntry("status", "UNAVAILABLE");
          assertThat(s.labels().get("backend")).isIn(a.address(), b.address());
          assertThat(s.value()).isEqualTo(1.0);
        });
    assertThat(scraped.value("convoy_router_retry_budget_refusals_total")).isEqualTo(1.0);
    assertThat(a.inferCalls() + b.inferCalls()).isEqualTo(3);
    for (RecordingBackend backend : new RecordingBackend[] {a, b}) {
      assertThat(scraped.value("convoy_router_ejections_total", "backend", backend.address())).isEqualTo(1.0);
      assertThat(scraped.value("convoy_router_backend_state", "backend", backend.address(), "state", "EJECTED"))
          .isEqualTo(1.0);
      assertThat(scraped.value("convoy_router_backend_state", "backend", backend.address(), "state", "HEALTHY"))
          .isZero();
    }
  }

  @Test
  void promtool_afterCallsAndARetry_findsNothingToFlag() throws Exception {
    Optional<Promtool> promtool = Promtool.onPath();
    assumeTrue(promtool.isPresent(), Promtool.MISSING);
    a.fail(Status.UNAVAILABLE.withDescription("model 'digits_mlp' is not ready"));
    route("");
    for (int i = 0; i < 4; i++) {
      router.stub().modelInfer(Requests.digitsMlp());
    }

    Promtool.Verdict verdict = promtool.get().checkMetrics(PrometheusText.fetch(telemetry.metricsPort().getAsInt()));

    assertThat(verdict.problems()).isEmpty();
    assertThat(verdict.exitCode()).isZero();
  }
}
