package dev.convoy.telemetry.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which state each of a set of things is in, as one gauge (Prometheus' "state set" idiom):
 * for every thing and every state one series, 1 for the state it is in and 0 for the others,
 * so {@code sum by (state) (gauge)} counts things per state and a missing 1 never hides a
 * change. Read when metrics are collected; {@link #close} unregisters it.
 *
 * <pre>{@code
 * StateGauge.register(meter, "convoy.router.backend.state", "Each backend's health state",
 *     "backend", BackendState.class, registry::statesByAddress);
 * // convoy_router_backend_state{backend="10.0.0.7:8001",state="HEALTHY"} 1
 * }</pre>
 */
public final class StateGauge<S extends Enum<S>> implements AutoCloseable {
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("state");
  private final ObservableLongGauge gauge;

  private StateGauge(ObservableLongGauge gauge) {
    this.gauge = gauge;
  }

  /**
   * @param thingKey the attribute (label) that names a thing, e.g. {@code backend}
   * @param current each thing's current state, read at every collection; must not block
   */
  public static <S extends Enum<S>> StateGauge<S> register(Meter meter, String name, String description,
      String thingKey, Class<S> states, Supplier<Map<String, S>> current) {
    AttributeKey<String> thing = AttributeKey.stringKey(thingKey);
    S[] all = states.getEnumConstants();
    ObservableLongGauge gauge = meter.gaugeBuilder(name).setDescription(description).ofLongs()
        .buildWithCallback(measurement -> current.get().forEach((id, state) -> {
          for (S candidate : all) {
            measurement.record(candidate == state ? 1 : 0,
                Attributes.of(thing, id, STATE, candidate.name()));
          }
        }));
    return new StateGauge<>(gauge);
  }

  @Override
  public void close() {
    gauge.close();
  }
}
