-- Study (issue 5): the 学习强国 organisation statistics imported from the platform's exported
-- .xlsx, one import per tenant and month. A second import of the same month supersedes the first
-- (superseded_at), which is kept with its rows: nothing is deleted.
-- Rates are per mille and points tenths (party/study/xuexi.hpp): integers, summed in reports.

CREATE TABLE xuexi_imports (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  period TEXT NOT NULL,
  file_name TEXT,
  rows_count INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_xuexi_imports_period ON xuexi_imports (tenant_id, period, superseded_at);

CREATE TABLE xuexi_stats (
  tenant_id BIGINT NOT NULL,
  {{id}},
  import_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  members INTEGER NOT NULL,
  registered INTEGER NOT NULL,
  registration_rate INTEGER NOT NULL,
  active_rate INTEGER,
  avg_points INTEGER,
  {{tenant_key}}
);
CREATE INDEX ix_xuexi_stats_import ON xuexi_stats (tenant_id, import_id, unit_path);
