/**
 * End-to-end tests: the router and real inference servers (or a recording test backend) on
 * ephemeral loopback ports, over Netty.
 */
package dev.convoy.router.e2e;
