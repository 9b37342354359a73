-- Samples a batch per row (SampleBatch): each column packs the batch's values, sample after
-- sample. Request ids are indexed in memory (RequestIndex), not here.
CREATE TABLE IF NOT EXISTS sample_batches (
  -- Assigned by the store in arrival order: the retention deletes the lowest first.
  id BIGINT PRIMARY KEY,
  model VARCHAR(256) NOT NULL,
  version VARCHAR(64) NOT NULL,
  window_index BIGINT NOT NULL,
  received_nanos BIGINT NOT NULL,
  sample_count INT NOT NULL,
  -- Features and scores per sample.
  width INT NOT NULL,
  classes INT NOT NULL,
  -- Strings: a 4-byte little-endian UTF-8 length, then the bytes.
  request_ids VARBINARY(1000000000) NOT NULL,
  trace_ids VARBINARY(1000000000) NOT NULL,
  -- Little-endian 64-bit epoch nanoseconds.
  time_nanos VARBINARY(1000000000) NOT NULL,
  -- Little-endian FP32.
  features VARBINARY(1000000000) NOT NULL,
  scores VARBINARY(1000000000) NOT NULL
);
CREATE INDEX IF NOT EXISTS sample_batches_by_window ON sample_batches (model, version, window_index);

CREATE TABLE IF NOT EXISTS sample_labels (
  batch_id BIGINT NOT NULL,
  position INT NOT NULL,
  label INT NOT NULL,
  PRIMARY KEY (batch_id, position)
);

CREATE TABLE IF NOT EXISTS reference_profiles (
  model VARCHAR(256) NOT NULL,
  version VARCHAR(64) NOT NULL,
  source VARCHAR(16) NOT NULL,
  created_nanos BIGINT NOT NULL,
  rows_count INT NOT NULL,
  -- An UploadReferenceRequest (convoy.monitor.v1), serialized.
  content BLOB NOT NULL,
  PRIMARY KEY (model, version)
);

CREATE TABLE IF NOT EXISTS window_reports (
  model VARCHAR(256) NOT NULL,
  version VARCHAR(64) NOT NULL,
  window_index BIGINT NOT NULL,
  start_nanos BIGINT NOT NULL,
  end_nanos BIGINT NOT NULL,
  -- A WindowReport (convoy.monitor.v1), serialized.
  report VARBINARY(10000000) NOT NULL,
  PRIMARY KEY (model, version, window_index)
);

CREATE TABLE IF NOT EXISTS alert_events (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  alert_id VARCHAR(128) NOT NULL,
  state VARCHAR(16) NOT NULL,
  time_nanos BIGINT NOT NULL,
  -- An Alert (convoy.monitor.v1), serialized.
  alert VARBINARY(1000000) NOT NULL
);
