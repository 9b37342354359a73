/**
 * The raw HTTP/2 engine: unary gRPC calls written as frames on plain Netty HTTP/2 connections
 * (plaintext, prior knowledge), one pre-built header set and one pre-framed message per
 * distinct request, the status read from the trailers. It does per call only what the wire
 * needs, so the load tester costs about what h2load costs; the grpc-java engine
 * ({@link dev.convoy.loadtest.grpc.GrpcLoadCall}) stays for TLS and streams.
 */
package dev.convoy.loadtest.h2;
