/**
 * The Convoy monitor service: {@link dev.convoy.monitor.MonitorServer} wires the store, the
 * core, the gRPC services and the dashboard; {@link dev.convoy.monitor.Main} is its command line.
 */
package dev.convoy.monitor;
