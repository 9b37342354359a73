/**
 * Triton's system shared memory: POSIX shared-memory objects of a client on the same host,
 * registered by name, that inputs are read from and outputs written to instead of travelling
 * in the message.
 */
package dev.convoy.server.shm;
