/** End-to-end tests of convoy-batch against real servers (and a router) on loopback. */
package dev.convoy.batch;
