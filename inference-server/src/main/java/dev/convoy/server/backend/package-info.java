/**
 * The seam between the server and a model runtime: a backend loads a version directory into
 * {@link dev.convoy.server.backend.ModelInstance}s that run batches of tensors.
 */
package dev.convoy.server.backend;
