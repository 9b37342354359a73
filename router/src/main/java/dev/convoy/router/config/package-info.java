/**
 * Router configuration: a small {@code key = value} file format and command-line settings,
 * parsed and validated once at start-up into immutable records. Unknown keys fail.
 */
package dev.convoy.router.config;
