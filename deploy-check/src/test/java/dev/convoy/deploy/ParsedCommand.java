package dev.convoy.deploy;

import dev.convoy.router.config.BackendTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Convoy container's command line as its service reads it.
 *
 * @param listeners the ports it listens on by role: {@code grpc}, {@code metrics} (-1: none)
 *     and, for the monitor, {@code dashboard}
 * @param shutdownGrace how long SIGTERM waits for calls in flight (server and router)
 * @param dnsTargets the router's {@code --dns} names
 * @param dnsRefresh how often the router re-resolves them
 * @param monitorAddress where a server samples requests to ({@code --monitor})
 * @param tls whether it serves TLS ({@code --tls-cert})
 */
record ParsedCommand(ConvoyService service, Map<String, Integer> listeners, Optional<Duration> shutdownGrace,
    List<BackendTarget> dnsTargets, Optional<Duration> dnsRefresh, Optional<String> monitorAddress,
    boolean tls) {
  ParsedCommand {
    listeners = Map.copyOf(listeners);
    dnsTargets = List.copyOf(dnsTargets);
  }
}
