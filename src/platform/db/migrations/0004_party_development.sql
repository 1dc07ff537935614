-- Member development (发展党员, issue 5): the people on the 25-step path and what was recorded at
-- each step. Nothing is deleted: a wrong record is corrected (its previous version kept in
-- development_record_history) or voided with a reason, never removed.
-- Dates of the domain are ISO YYYY-MM-DD text; moments are UTC ISO 8601 text.

-- One row per person. ID number and phone are stored as for members (encrypted, blind index with
-- the members' purpose so a duplicate of a roster member is found, masked copy for lists).
-- The columns after member_id are derived from the records by party/development/rules.hpp at
-- every write (role, stage, the date each role began, violation counts, the next due date), so
-- a list, its filters and the figures that count it are one indexed query.
CREATE TABLE development_candidates (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  id_enc TEXT NOT NULL,
  id_bidx TEXT NOT NULL,
  id_mask TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  education TEXT NOT NULL,
  category TEXT NOT NULL,
  job TEXT,
  phone_enc TEXT,
  phone_bidx TEXT,
  phone_mask TEXT,
  youth_league SMALLINT NOT NULL DEFAULT 0,
  league_recommended SMALLINT NOT NULL DEFAULT 0,
  member_id BIGINT,
  role TEXT NOT NULL DEFAULT '',
  stage INTEGER NOT NULL DEFAULT 0,
  last_step INTEGER NOT NULL DEFAULT 0,
  applied_on TEXT,
  activist_on TEXT,
  object_on TEXT,
  probation_on TEXT,
  full_on TEXT,
  violations INTEGER NOT NULL DEFAULT 0,
  open_violations INTEGER NOT NULL DEFAULT 0,
  next_due_on TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_development_candidates__id_number ON development_candidates (tenant_id, id_bidx);
CREATE INDEX ix_development_candidates_list ON development_candidates (tenant_id, unit_path, role, name);
CREATE INDEX ix_development_candidates_due ON development_candidates (tenant_id, next_due_on);

-- A step as recorded. people_json: [{member_id|null, name, is_full_member}] with whether each was
-- a 正式党员 on the record's date, fixed when saved; documents_json: ["入党申请书", …].
CREATE TABLE development_records (
  tenant_id BIGINT NOT NULL,
  {{id}},
  candidate_id BIGINT NOT NULL,
  step INTEGER NOT NULL,
  done_on TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  people_json TEXT NOT NULL,
  documents_json TEXT NOT NULL,
  conclusion TEXT,
  training_days INTEGER NOT NULL DEFAULT 0,
  training_hours INTEGER NOT NULL DEFAULT 0,
  voting INTEGER NOT NULL DEFAULT 0,
  present INTEGER NOT NULL DEFAULT 0,
  in_favour INTEGER NOT NULL DEFAULT 0,
  extension_months INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'void')),
  void_reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE INDEX ix_development_records_candidate ON development_records (tenant_id, candidate_id, step);

-- Every previous version of a record, with why it was changed (更正 or 作废).
CREATE TABLE development_record_history (
  tenant_id BIGINT NOT NULL,
  {{id}},
  record_id BIGINT NOT NULL,
  candidate_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  snapshot_json TEXT NOT NULL,
  change_kind TEXT NOT NULL CHECK (change_kind IN ('correct', 'void')),
  change_reason TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_development_record_history_record ON development_record_history (tenant_id, record_id);
