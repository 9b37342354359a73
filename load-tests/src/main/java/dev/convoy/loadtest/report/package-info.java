/**
 * Reports of a {@link dev.convoy.loadtest.engine.LoadResult} in ghz's formats: the human
 * summary, JSON with ghz's field names (durations in nanoseconds), CSV of every call, and a
 * self-contained HTML page whose charts are inline SVG drawn here (no scripts, no CDN).
 */
package dev.convoy.loadtest.report;
