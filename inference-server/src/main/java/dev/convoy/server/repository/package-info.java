/**
 * The model repository on disk (Triton's layout; nothing read from outside it, links included)
 * and the lifecycle of the models served from it: load, reload with the old versions serving
 * until the new ones are up, and unload after in-flight work drains; the model control mode
 * that says whether callers may load and unload.
 */
package dev.convoy.server.repository;
