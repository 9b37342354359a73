/**
 * The PyTorch backend: TorchScript files ({@code platform: "pytorch_libtorch"}) on DJL's
 * PyTorch engine, strictly offline (libtorch comes from the natives jar on the class path and
 * is extracted to a configurable directory; nothing is downloaded at run time).
 *
 * <p>Each instance loads its own module and owns one DJL {@code Predictor}: DJL documents a
 * {@code Model} as thread-safe and a {@code Predictor} as not, and the batcher hands an instance
 * one batch at a time, so an instance's runs are serialised on an uncontended lock. Every run
 * allocates its tensors in the predictor's per-call NDManager, freed when the call returns.
 */
package dev.convoy.server.backend.pytorch;
