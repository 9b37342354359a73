package dev.convoy.server.grpc;

import dev.convoy.server.admission.MemoryBudget;

/**
 * What bounds the work the service takes in.
 *
 * @param streamWindow how many requests each ModelStreamInfer stream keeps in flight
 * @param budget the memory of the requests in flight; a request that does not fit is refused
 */
public record ServingLimits(StreamWindow streamWindow, MemoryBudget budget) {}
