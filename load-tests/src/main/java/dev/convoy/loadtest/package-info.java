/**
 * {@code convoy-load}, the ghz-style command line: parses ghz's flags into validated settings,
 * prepares requests, drives the {@link dev.convoy.loadtest.engine engine} over gRPC and writes
 * a report. The engine, the gRPC edge, request generation and reports live in the
 * sub-packages and do not depend on this one.
 */
package dev.convoy.loadtest;
