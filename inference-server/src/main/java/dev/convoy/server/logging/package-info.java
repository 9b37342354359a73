/** The server's log levels, read and changed at run time (Triton's logging extension). */
package dev.convoy.server.logging;
