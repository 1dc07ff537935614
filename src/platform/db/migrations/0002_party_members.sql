-- Party organisation and members (issue 4): what a unit is (its 科室, whether it belongs to a
-- 医共体 member hospital), its 支委会 terms, and the member record with the tabs of the
-- 全国党员管理信息系统. Nothing here is ever deleted: periods end (ended_on / ended_at), a member
-- leaves with a reason, a 换届 supersedes the old committee and keeps it.
-- Dates of the domain are ISO YYYY-MM-DD text; moments are UTC ISO 8601 text.

ALTER TABLE org_units ADD COLUMN department TEXT;
ALTER TABLE org_units ADD COLUMN alliance_member TEXT;
ALTER TABLE org_units ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE org_units ADD COLUMN end_reason TEXT;
ALTER TABLE org_units ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- One row per elected 支委会/总支委员会/党委 (换届 adds a row; the old one gets superseded_at).
-- Its composition is a snapshot: who was elected to which post on that day.
CREATE TABLE org_committees (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  unit_id BIGINT NOT NULL,
  elected_on TEXT NOT NULL,
  term_years INTEGER NOT NULL,
  term_ends_on TEXT NOT NULL,
  members_json TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_org_committees_unit ON org_committees (tenant_id, unit_id);

-- The member record. ID number and phone are encrypted, with a blind index for equality search
-- and duplicate checks, and the masked form kept beside them so lists never decrypt.
CREATE TABLE members (
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
  native_place TEXT,
  education TEXT NOT NULL,
  category TEXT NOT NULL,
  job TEXT,
  phone_enc TEXT,
  phone_bidx TEXT,
  phone_mask TEXT,
  status TEXT NOT NULL CHECK (status IN ('预备', '正式')),
  joined_on TEXT NOT NULL,
  full_on TEXT,
  hardship SMALLINT NOT NULL DEFAULT 0,
  hardship_note TEXT,
  flowing SMALLINT NOT NULL DEFAULT 0,
  flow_to TEXT,
  flow_since TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'left')),
  left_on TEXT,
  left_kind TEXT,
  left_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_members__id_number ON members (tenant_id, id_bidx);
-- Today's roll in unit order: counted and paged from this index alone.
CREATE INDEX ix_members_roll ON members (tenant_id, state, unit_path, name, id);
-- Counting today's roll (figures, list totals) by unit, status and age without reading rows.
CREATE INDEX ix_members_count ON members (tenant_id, state, unit_path, unit_id, full_on, birth_date);
CREATE INDEX ix_members_unit ON members (tenant_id, unit_id);
CREATE INDEX ix_members_name ON members (tenant_id, name);

-- Which unit a member belonged to, when: the history behind transfers and "members on a date".
CREATE TABLE member_units (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  started_on TEXT NOT NULL,
  ended_on TEXT,
  start_kind TEXT NOT NULL,
  end_kind TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_member_units_member ON member_units (tenant_id, member_id);
CREATE INDEX ix_member_units_unit ON member_units (tenant_id, unit_id);

-- 预备 → 正式 and any correction of the status dates.
CREATE TABLE member_status_history (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  since TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_member_status_member ON member_status_history (tenant_id, member_id);

-- 组织关系转接: in (from another organisation), between (inside the tenant), out.
CREATE TABLE member_transfers (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('in', 'between', 'out')),
  from_unit_id BIGINT,
  to_unit_id BIGINT,
  external_org TEXT,
  letter_no TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_member_transfers_member ON member_transfers (tenant_id, member_id);

-- Party posts (in a unit) and hospital posts (in a department). A 双任免 pair shares dual_id:
-- the two are appointed together and removed together.
CREATE TABLE member_posts (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('party', 'hospital')),
  title TEXT NOT NULL,
  unit_id BIGINT,
  department TEXT,
  started_on TEXT NOT NULL,
  ended_on TEXT,
  appoint_doc TEXT,
  end_doc TEXT,
  end_reason TEXT,
  dual_id TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_member_posts_member ON member_posts (tenant_id, member_id);
CREATE INDEX ix_member_posts_unit ON member_posts (tenant_id, unit_id, title);

CREATE TABLE member_rewards (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reward', 'punishment')),
  title TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  authority TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_member_rewards_member ON member_rewards (tenant_id, member_id);

CREATE TABLE member_family (
  tenant_id BIGINT NOT NULL,
  {{id}},
  member_id BIGINT NOT NULL,
  relation TEXT NOT NULL,
  name TEXT NOT NULL,
  work_unit TEXT,
  political_status TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  ended_at TEXT,
  end_reason TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_member_family_member ON member_family (tenant_id, member_id);

-- Built-in roles of tenants created before this migration get the new permissions, as new
-- tenants get them from BuiltinRoles(); a role the security administrator has edited keeps
-- whatever else it holds.
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:org:edit' AS permission
      UNION ALL SELECT 'admin', 'party:member:list' UNION ALL SELECT 'admin', 'party:member:add'
      UNION ALL SELECT 'admin', 'party:member:edit' UNION ALL SELECT 'admin', 'party:member:transfer'
      UNION ALL SELECT 'admin', 'party:member:pii' UNION ALL SELECT 'admin', 'party:member:import'
      UNION ALL SELECT 'admin', 'party:member:export' UNION ALL SELECT 'admin', 'figures:view'
      UNION ALL SELECT 'secretary', 'party:member:list' UNION ALL SELECT 'secretary', 'party:member:add'
      UNION ALL SELECT 'secretary', 'party:member:edit' UNION ALL SELECT 'secretary', 'party:member:export'
      UNION ALL SELECT 'secretary', 'figures:view'
      UNION ALL SELECT 'leader', 'party:member:list' UNION ALL SELECT 'leader', 'figures:view'
      UNION ALL SELECT 'auditor', 'party:member:list' UNION ALL SELECT 'auditor', 'figures:view') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);

-- The member record a user account belongs to (a 党员 sees their own points, duties, study).
ALTER TABLE users ADD COLUMN member_id BIGINT;
