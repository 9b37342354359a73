package dev.convoy.server.gpu;

/**
 * One GPU at one moment.
 *
 * @param utilization the fraction of the last sample period a kernel ran, 0..1
 */
public record GpuSample(int index, String uuid, double utilization, long memoryUsedBytes, long memoryTotalBytes) {}
