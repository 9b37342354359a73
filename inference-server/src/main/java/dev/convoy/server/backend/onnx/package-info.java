/** The ONNX Runtime backend: sessions on the CPU execution provider, or CUDA for KIND_GPU. */
package dev.convoy.server.backend.onnx;
