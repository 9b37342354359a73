/**
 * Who calls, and whether they may: principals from bearer tokens (a file of SHA-256 hashes,
 * compared in constant time) or verified client certificates, roles over endpoint groups from a
 * policy file, and the {@link io.grpc.ServerInterceptor} that refuses with UNAUTHENTICATED or
 * PERMISSION_DENIED and otherwise puts the principal in the call's {@link io.grpc.Context}.
 */
package dev.convoy.security.auth;
