package dev.convoy.server.model;

import java.util.List;

/**
 * One {@code instance_group} entry: how many instances to run and on which device.
 *
 * @param gpus device ids for {@link Device#GPU}, each given {@code count} instances; empty for
 *     CPU, and for a GPU group that asks for every GPU
 */
public record InstanceGroup(String name, Device device, int count, List<Integer> gpus) {

  public InstanceGroup {
    gpus = List.copyOf(gpus);
  }

  /** Where an instance runs. */
  public enum Device {
    CPU,
    GPU
  }
}
