/** The {@code convoy.router.RouterAdmin} service: what the router knows about its backends. */
package dev.convoy.router.admin;
