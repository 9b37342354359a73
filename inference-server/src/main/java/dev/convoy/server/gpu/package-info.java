/**
 * The host's NVIDIA GPUs as {@code nvidia-smi} reports them: how many there are (for KIND_GPU
 * groups that list none) and their utilisation and memory, exported as Triton's
 * {@code nv_gpu_*} metrics. Without {@code nvidia-smi} there are no GPUs and no such metrics.
 */
package dev.convoy.server.gpu;
