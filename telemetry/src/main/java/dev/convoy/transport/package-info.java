/**
 * gRPC transport settings every Convoy service shares: the message compressions it accepts, the
 * limits its server transport sets, and the one line a service prints when it cannot bind its
 * port.
 */
package dev.convoy.transport;
