/**
 * The router's {@code inference.GRPCInferenceService}: a pass-through service whose methods
 * carry messages as bytes. Only the model name and version (fields 1 and 2 of the request)
 * are read, with {@link com.google.protobuf.CodedInputStream}; tensors are never decoded or
 * re-encoded. Unary calls are forwarded with one retry ({@link
 * dev.convoy.router.proxy.UnaryProxyCall}), streams are proxied with flow control to one
 * backend ({@link dev.convoy.router.proxy.StreamProxyCall}), repository-wide calls go to every
 * healthy backend and their answers are merged ({@link dev.convoy.router.proxy.FanOutHandler}).
 */
package dev.convoy.router.proxy;
