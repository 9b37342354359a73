package dev.convoy.server.sampling;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.model.ModelSpec;

/**
 * An answered request chosen for the monitor, queued as is (messages are immutable), with the
 * name of the output that holds its class scores.
 */
record Sampled(ModelSpec spec, long version, ModelInferRequest request, ModelInferResponse response,
    String traceId, long timeUnixNanos, String scoresOutput) {
}
