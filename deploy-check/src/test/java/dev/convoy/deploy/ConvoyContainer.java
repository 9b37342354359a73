package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.Container;

/**
 * A container that runs a Convoy service's own command line (its image's entrypoint with the
 * manifest's args), parsed by that service's option parser.
 */
record ConvoyContainer(Workload workload, Container container, ParsedCommand command) {
  ConvoyService service() {
    return command.service();
  }

  String where() {
    return workload.where(container);
  }
}
