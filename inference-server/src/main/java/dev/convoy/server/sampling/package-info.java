/**
 * Samples answered requests for the monitor. {@link dev.convoy.server.sampling.Sampler#offer}
 * is called on the request path after a successful answer and only draws a random number and
 * offers a reference to a bounded queue; a full queue drops the sample (counted). A background
 * {@link dev.convoy.server.sampling.MonitorSender} encodes queued samples and streams them to
 * the monitor's Ingest RPC under gRPC flow control, resending what was not acknowledged after
 * the monitor restarts.
 */
package dev.convoy.server.sampling;
