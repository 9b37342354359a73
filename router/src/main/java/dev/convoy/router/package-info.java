/**
 * The Convoy router: one gRPC front door over GPU and CPU inference servers.
 *
 * <p>{@link dev.convoy.router.Router} wires the parts together: configuration
 * ({@code config}), backends and their discovery and probing ({@code backend}), the balancing
 * choice ({@code balance}), retry budget and outlier ejection ({@code fault}), the
 * pass-through inference service ({@code proxy}), the admin service ({@code admin}) and the
 * router's spans and metrics ({@code telemetry}).
 */
package dev.convoy.router;
