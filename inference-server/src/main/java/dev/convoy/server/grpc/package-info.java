/**
 * The gRPC edge of the inference server: the Open Inference Protocol service and the one
 * place where typed failures become {@code io.grpc.Status}.
 */
package dev.convoy.server.grpc;
