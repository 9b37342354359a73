/**
 * The server's typed failures. Logic throws these; the gRPC edge alone turns them into a
 * {@code io.grpc.Status} (see {@code dev.convoy.server.grpc.StatusMapper}).
 */
package dev.convoy.server.error;
