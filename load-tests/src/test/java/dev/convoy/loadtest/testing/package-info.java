/** Test doubles: a fake inference service on a loopback server, and a fake clock. */
package dev.convoy.loadtest.testing;
