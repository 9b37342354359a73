package dev.convoy.monitor.engine;

import java.util.List;

/** What became of one batch of samples, all of it committed. */
public record IngestResult(int accepted, int duplicates, int rejected, List<String> rejectReasons) {
}
