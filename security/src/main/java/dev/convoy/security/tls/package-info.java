/**
 * TLS from PEM files: server and channel credentials, and an {@link javax.net.ssl.SSLContext}
 * for the HTTP endpoints, on grpc-java's advanced key and trust managers, which read the files
 * again every reload period when they changed, so certificates rotate without a restart.
 */
package dev.convoy.security.tls;
