/**
 * The backends: where they come from (static list, DNS names re-resolved through an injected
 * {@link dev.convoy.router.backend.HostResolver}), how they are watched (health check and
 * repository index, {@link dev.convoy.router.backend.BackendProber}), and their per-backend
 * load, counters and ejection state ({@link dev.convoy.router.backend.Backend}).
 */
package dev.convoy.router.backend;
