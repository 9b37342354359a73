/** gRPC transport settings every Convoy service shares: the message compressions it accepts. */
package dev.convoy.transport;
