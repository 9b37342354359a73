/**
 * Command-line clients of the stack for the monitor's demo and for label producers: send CSV
 * rows to a model (through the router or a server), and send their labels to the monitor.
 */
package dev.convoy.monitor.cli;
