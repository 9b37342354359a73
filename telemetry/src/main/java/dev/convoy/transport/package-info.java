/**
 * gRPC transport settings every Convoy service shares: the message compressions it accepts, and
 * the one line a service prints when it cannot bind its port.
 */
package dev.convoy.transport;
