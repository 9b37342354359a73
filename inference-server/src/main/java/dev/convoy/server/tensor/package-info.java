/**
 * Tensors as the server handles them between the wire and a backend: a protocol datatype, a
 * shape and little-endian row-major bytes (BYTES elements length-prefixed, as in
 * {@code raw_input_contents}), plus the conversions from and to the protocol's raw and typed
 * forms.
 */
package dev.convoy.server.tensor;
