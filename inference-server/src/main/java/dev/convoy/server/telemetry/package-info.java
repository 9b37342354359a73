/**
 * The server's spans and instruments: a span per inference request, its queue wait, one span
 * per executed batch linked to the requests it carries, the model compute inside it, and the
 * request, latency, queue, batch size, busy time and queue depth instruments. Made from the
 * {@link io.opentelemetry.api.OpenTelemetry} the server is given; with the no-op one they cost
 * next to nothing.
 */
package dev.convoy.server.telemetry;
