package dev.convoy.monitor.engine;

import dev.convoy.monitor.reference.ReferenceCsv;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.proto.monitor.v1.UploadReferenceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The sample repository's digits data as monitor traffic. */
public final class Digits {
  public static final String MODEL = "digits_mlp";
  public static final String VERSION = "1";

  private Digits() {
  }

  public static Path data(String file) {
    return Path.of(System.getProperty("convoy.models.dir", "../models")).resolve("data").resolve(file);
  }

  public static ReferenceCsv.Table table(String file) {
    try {
      return ReferenceCsv.read(data(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static UploadReferenceRequest reference() {
    ReferenceCsv.Table table = table("digits_reference.csv");
    UploadReferenceRequest.Builder request = UploadReferenceRequest.newBuilder()
        .setModelName(MODEL).setModelVersion(VERSION).addAllFeatureNames(table.featureNames());
    for (ReferenceRow row : table.rows()) {
      var wire = dev.convoy.proto.monitor.v1.ReferenceRow.newBuilder().setLabel(row.label());
      for (float f : row.features()) {
        wire.addFeatures(f);
      }
      request.addRows(wire);
    }
    return request.build();
  }

  /** A sample of {@code row}'s pixels, no scores. */
  public static Sample sample(ReferenceRow row, String requestId) {
    Sample.Builder sample = Sample.newBuilder().setModelName(MODEL).setModelVersion(VERSION).setRequestId(requestId);
    for (float f : row.features()) {
      sample.addFeatures(f);
    }
    return sample.build();
  }

  public static List<ReferenceRow> rows(String file) {
    return table(file).rows();
  }
}
