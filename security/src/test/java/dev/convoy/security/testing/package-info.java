/** Test support for the services' tests: a certificate authority made at test time. */
package dev.convoy.security.testing;
