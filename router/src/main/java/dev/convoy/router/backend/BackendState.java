package dev.convoy.router.backend;

/** A backend as the admin service reports it. */
public enum BackendState {
  /** Health check SERVING and repository index read: takes requests for its models. */
  HEALTHY,
  /** Not probed yet, health check failing or NOT_SERVING, or its connection failed. */
  UNHEALTHY,
  /** Failed too many calls in a row; waits out its back-off period. */
  EJECTED
}
