/**
 * The monitor's HTTP port: a dashboard page (plots drawn in the browser as inline SVG by the
 * page's own script, nothing fetched from elsewhere) and the JSON it reads.
 */
package dev.convoy.monitor.http;
