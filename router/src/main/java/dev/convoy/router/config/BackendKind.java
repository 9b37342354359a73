package dev.convoy.router.config;

/** What a backend runs its models on; the GPU-first policy prefers {@link #GPU}. */
public enum BackendKind {
  GPU,
  CPU
}
