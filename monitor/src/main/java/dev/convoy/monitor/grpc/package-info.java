/**
 * The monitor's gRPC edge: MonitorIngest (samples with committed acks under manual flow
 * control, labels) and MonitorAdmin (references, reports, the alert stream), and the one
 * mapper from the core's exceptions to gRPC statuses.
 */
package dev.convoy.monitor.grpc;
