/**
 * A model's validated configuration ({@link dev.convoy.server.model.ModelSpec}), built once
 * from its {@code config.pbtxt}, and the checks of a request against it.
 */
package dev.convoy.server.model;
