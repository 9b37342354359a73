package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.server.error.ModelNotFoundException;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import dev.convoy.server.repository.ModelEntry;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelState;
import dev.convoy.server.repository.ServedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Builds the protocol's read-only views of the hosted models: metadata, index, statistics. */
final class RepositoryViews {
  private final ModelManager models;

  RepositoryViews(ModelManager models) {
    this.models = models;
  }

  ModelMetadataResponse metadata(String model, String version) {
    ModelSpec spec = models.lookup(model, version).spec();
    ModelMetadataResponse.Builder response = ModelMetadataResponse.newBuilder()
        .setName(model)
        .setPlatform(spec.platform());
    models.entry(model).ifPresent(e -> e.versions().keySet().forEach(v -> response.addVersions(Long.toString(v))));
    spec.inputs().forEach(t -> response.addInputs(tensorMetadata(t, spec.batched())));
    spec.outputs().forEach(t -> response.addOutputs(tensorMetadata(t, spec.batched())));
    return response.build();
  }

  RepositoryIndexResponse index(boolean readyOnly) {
    TreeSet<String> names = new TreeSet<>(models.repository().modelNames());
    models.entries().forEach(e -> names.add(e.name()));
    List<ModelIndex> rows = new ArrayList<>();
    for (String name : names) {
      rows.addAll(indexRows(name));
    }
    RepositoryIndexResponse.Builder response = RepositoryIndexResponse.newBuilder();
    rows.stream().filter(r -> !readyOnly || r.getState().equals(ModelState.READY.name())).forEach(response::addModels);
    return response.build();
  }

  List<ModelStatistics> statistics(String model, String version) {
    if (model.isEmpty()) {
      List<ModelStatistics> all = new ArrayList<>();
      models.entries().forEach(e -> e.versions().values().forEach(v -> all.add(statistics(e.name(), v))));
      return all;
    }
    ModelEntry entry = models.entry(model)
        .orElseThrow(() -> new ModelNotFoundException("no statistics for model '" + model + "': it is not loaded"));
    if (!version.isEmpty()) {
      return List.of(statistics(model, models.lookup(model, version)));
    }
    return entry.versions().values().stream().map(v -> statistics(model, v)).toList();
  }

  private List<ModelIndex> indexRows(String name) {
    ModelEntry entry = models.entry(name).orElse(null);
    if (entry == null) {
      return List.of(row(name, "", ModelState.UNAVAILABLE, "not loaded"));
    }
    if (entry.versions().isEmpty()) {
      return List.of(row(name, "", entry.state(), entry.reason()));
    }
    return entry.versions().keySet().stream()
        .map(v -> row(name, Long.toString(v), entry.state(), entry.reason()))
        .toList();
  }

  private static ModelIndex row(String name, String version, ModelState state, String reason) {
    return ModelIndex.newBuilder().setName(name).setVersion(version).setState(state.name()).setReason(reason).build();
  }

  private static ModelStatistics statistics(String model, ServedVersion version) {
    return version.statistics().toProto(model, Long.toString(version.version()));
  }

  private static ModelMetadataResponse.TensorMetadata tensorMetadata(TensorSpec tensor, boolean batched) {
    ModelMetadataResponse.TensorMetadata.Builder meta = ModelMetadataResponse.TensorMetadata.newBuilder()
        .setName(tensor.name())
        .setDatatype(tensor.type().protocolName());
    for (long dim : tensor.shapePattern(batched)) {
      meta.addShape(dim);
    }
    return meta.build();
  }
}
