/** The monitor, its dashboard and a metrics endpoint over TLS, behind the access policy. */
package dev.convoy.monitor.security;
