/** The inference server process: its command line, its lifecycle and its wiring. */
package dev.convoy.server;
