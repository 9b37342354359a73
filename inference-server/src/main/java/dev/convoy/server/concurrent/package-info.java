/** Thread plumbing shared by the server's parts. */
package dev.convoy.server.concurrent;
