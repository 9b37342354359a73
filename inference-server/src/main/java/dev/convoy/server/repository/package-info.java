/**
 * The model repository on disk (Triton's layout) and the lifecycle of the models served from
 * it: load, reload with the old versions serving until the new ones are up, and unload after
 * in-flight work drains.
 */
package dev.convoy.server.repository;
