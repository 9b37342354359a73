package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every container of a rendered kustomization whose image is a Convoy service: its args
 * through the service's own option parser. A container that replaces the entrypoint
 * ({@code command}) must be an init container: the service itself always runs its own.
 */
final class CommandLineCheck {
  private CommandLineCheck() {}

  /** The Convoy containers, parsed; failures (one line each, naming manifest, container and flag) go to {@code failures}. */
  static List<ConvoyContainer> parse(Rendered rendered, List<String> failures) {
    List<ConvoyContainer> parsed = new ArrayList<>();
    for (Workload workload : rendered.workloads()) {
      for (Container container : workload.pod().getContainers()) {
        Optional<ConvoyService> service = ConvoyService.ofImage(container.getImage());
        if (service.isEmpty()) {
          continue;
        }
        if (!container.getCommand().isEmpty()) {
          failures.add(workload.where(container) + ": replaces the " + service.get().commandName()
              + " entrypoint with " + container.getCommand());
          continue;
        }
        try {
          parsed.add(new ConvoyContainer(workload, container,
              CommandLines.parse(service.get(), container.getArgs())));
        } catch (CommandLines.CommandLineException e) {
          failures.add(workload.where(container) + ": " + e.getMessage());
        }
      }
    }
    return parsed;
  }

  /** The parsed Convoy containers of a kustomization that must have none failing. */
  static List<ConvoyContainer> parseAll(Rendered rendered) {
    List<String> failures = new ArrayList<>();
    List<ConvoyContainer> parsed = parse(rendered, failures);
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
    return parsed;
  }
}
