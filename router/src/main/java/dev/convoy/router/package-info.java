/**
 * The Convoy router: one gRPC front door over GPU and CPU inference servers.
 *
 * <p>{@link dev.convoy.router.Router} wires the parts together: configuration
 * ({@code config}), backends and their discovery and probing ({@code backend}), the balancing
 * choice ({@code balance}), retry budget and outlier ejection ({@code fault}), the
 * pass-through inference service ({@code proxy}) and the admin service ({@code admin}).
 */
package dev.convoy.router;
