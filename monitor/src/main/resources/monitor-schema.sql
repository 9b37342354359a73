CREATE TABLE IF NOT EXISTS samples (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  model VARCHAR(256) NOT NULL,
  version VARCHAR(64) NOT NULL,
  request_id VARCHAR(256) NOT NULL,
  -- RequestHash of request_id: the one index on ids is on this, not on the string (see MonitorStore).
  request_hash BIGINT NOT NULL,
  window_index BIGINT NOT NULL,
  time_nanos BIGINT NOT NULL,
  received_nanos BIGINT NOT NULL,
  trace_id VARCHAR(64) NOT NULL,
  features VARBINARY(1000000) NOT NULL,
  scores VARBINARY(100000) NOT NULL,
  predicted INT NOT NULL,
  label INT,
  labelled_nanos BIGINT
);
-- Databases made before request_hash: the column is added (and filled on open), the two string indexes dropped.
ALTER TABLE samples ADD COLUMN IF NOT EXISTS request_hash BIGINT;
ALTER TABLE samples DROP CONSTRAINT IF EXISTS samples_request;
DROP INDEX IF EXISTS samples_by_request;
CREATE INDEX IF NOT EXISTS samples_by_request_hash ON samples (request_hash);
CREATE INDEX IF NOT EXISTS samples_by_window ON samples (model, version, window_index);
CREATE INDEX IF NOT EXISTS samples_by_received ON samples (received_nanos);

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
