/**
 * The gRPC edge of the load tester: channels (plaintext or TLS, several connections), the
 * start-up connect check, the methods of {@code inference.GRPCInferenceService} by name, and
 * the {@link dev.convoy.loadtest.engine.LoadCall} that makes unary calls and turns their
 * {@link io.grpc.Status} into the names ghz reports.
 */
package dev.convoy.loadtest.grpc;
