/** Test access to grpc-java internals that have no public reader. */
package io.grpc;
