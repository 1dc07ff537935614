-- Organisational life (三会一课 and more) and study (issue 5): meetings with who should attend,
-- who came and who was absent and why; the cadence rules a tenant keeps as data; each unit's
-- fixed 主题党日. Nothing is deleted: a meeting is cancelled with a reason, an edit keeps the
-- previous record in meeting_history.
-- Dates of the domain are ISO YYYY-MM-DD text; moments are UTC ISO 8601 text.

-- The day of the month a unit holds its 主题党日 (1-31; 31 means the last day). NULL: none fixed.
ALTER TABLE org_units ADD COLUMN theme_day INTEGER;
-- The day a unit was set up (成立日期). The cadence judges a unit from its first full period on or
-- after it (party/life/rules.hpp); NULL: the day the unit was recorded (created_at).
ALTER TABLE org_units ADD COLUMN established_on TEXT;

-- One row per meeting, planned (held_on after today) or held. unit_path is the unit's path when
-- recorded, so a scope filter is a prefix match as for members.
-- lecturer_level (党课 and 集中学习): 党委书记, 班子成员, 支部书记, 其他 — who gave it, which is
-- what the seeds count ("党委书记2次党课，班子成员5次，支部书记16次") and what the cadence's
-- presenter_role looks at. campaign names a 主题教育 the meeting belongs to (不忘初心、牢记使命).
CREATE TABLE meetings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  type TEXT NOT NULL,
  held_on TEXT NOT NULL,
  start_time TEXT NOT NULL,
  place TEXT NOT NULL,
  topic TEXT NOT NULL,
  presenter TEXT NOT NULL,
  presenter_member_id BIGINT,
  lecturer_level TEXT,
  campaign TEXT,
  recorder TEXT NOT NULL,
  minutes TEXT,
  decisions TEXT,
  has_votes SMALLINT NOT NULL DEFAULT 0,
  voting INTEGER,
  present_voting INTEGER,
  should_count INTEGER NOT NULL DEFAULT 0,
  came_count INTEGER NOT NULL DEFAULT 0,
  should_reason TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
-- The cadence, ledger and calendar read meetings of units in a scope over a date range.
CREATE INDEX ix_meetings_path_date ON meetings (tenant_id, unit_path, held_on);
CREATE INDEX ix_meetings_unit_date ON meetings (tenant_id, unit_id, held_on);
CREATE INDEX ix_meetings_type_date ON meetings (tenant_id, type, held_on);
-- The cadence (overdue, due, calendar) reads every active meeting of the scope over two years:
-- answered from this index alone, without a table lookup per meeting.
CREATE INDEX ix_meetings_cadence ON meetings (tenant_id, held_on, state, unit_id, unit_path, type, lecturer_level);

-- Who should attend, who came, who was absent and why: one row per member and meeting; guests
-- (列席) are not members of the list. An edit supersedes the meeting's rows (superseded_at) and
-- writes the new list, so every earlier list stays.
CREATE TABLE meeting_attendance (
  tenant_id BIGINT NOT NULL,
  {{id}},
  meeting_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  came SMALLINT NOT NULL DEFAULT 0,
  absence_reason TEXT,
  absence_note TEXT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_meeting_attendance ON meeting_attendance (tenant_id, meeting_id, member_id)
  WHERE superseded_at IS NULL;
CREATE INDEX ix_meeting_attendance_member ON meeting_attendance (tenant_id, member_id);

-- Every earlier version of a meeting (its fields and attendance as JSON), written before an
-- edit or a cancellation replaces it.
CREATE TABLE meeting_history (
  tenant_id BIGINT NOT NULL,
  {{id}},
  meeting_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  snapshot_json TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by BIGINT,
  reason TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_meeting_history_meeting ON meeting_history (tenant_id, meeting_id);

-- The cadence rules a tenant keeps (see party/life/rules.hpp, CadenceRule). A tenant without
-- rows uses DefaultCadence(); saving replaces the tenant's set, the old rows get superseded_at.
CREATE TABLE life_cadence_rules (
  tenant_id BIGINT NOT NULL,
  {{id}},
  meeting_type TEXT NOT NULL,
  applies_to TEXT NOT NULL,
  period TEXT NOT NULL,
  min_count INTEGER NOT NULL,
  presenter_role TEXT NOT NULL DEFAULT '',
  fixed_day INTEGER NOT NULL DEFAULT 0,
  needs_committee SMALLINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_life_cadence_rules_tenant ON life_cadence_rules (tenant_id, superseded_at);

-- Built-in roles of tenants created before this migration get the issue-5 permissions, as new
-- tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:life:list' AS permission
      UNION ALL SELECT 'admin', 'party:life:edit' UNION ALL SELECT 'admin', 'party:life:rules'
      UNION ALL SELECT 'admin', 'party:development:list' UNION ALL SELECT 'admin', 'party:development:edit'
      UNION ALL SELECT 'admin', 'party:study:import'
      UNION ALL SELECT 'secretary', 'party:life:list' UNION ALL SELECT 'secretary', 'party:life:edit'
      UNION ALL SELECT 'secretary', 'party:development:list' UNION ALL SELECT 'secretary', 'party:development:edit'
      UNION ALL SELECT 'leader', 'party:life:list' UNION ALL SELECT 'leader', 'party:development:list'
      UNION ALL SELECT 'auditor', 'party:life:list' UNION ALL SELECT 'auditor', 'party:development:list') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
