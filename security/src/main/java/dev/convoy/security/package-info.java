/**
 * Security shared by Convoy's services and clients: TLS from PEM files that are reloaded when
 * they change ({@code tls}), callers authenticated by bearer token or client certificate and
 * authorised by role over endpoint groups ({@code auth}), and the audit log of admin actions and
 * refused calls ({@code audit}). {@link dev.convoy.security.SecurityOptions} is the command-line
 * mixin every service shares, so the option names are the same everywhere.
 */
package dev.convoy.security;
