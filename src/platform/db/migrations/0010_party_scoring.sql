-- Branch quantitative scoring (量化记分制) and commendations (issue 6): checklists as data per
-- tenant and version, inspections of a branch scored per item, the weights of the annual
-- target-responsibility assessment per year, the finalised assessment of a year, and the
-- commendations (先进党支部, 优秀党务工作者, 优秀共产党员). Nothing is deleted or edited in place:
-- a checklist or a weight set is superseded by a new version, an inspection is corrected by a new
-- one or voided with a reason, a commendation is revoked by a new row with the reason.
-- Dates of the domain are ISO YYYY-MM-DD text; moments are UTC ISO 8601 text.

-- One version of a checklist. Saving a checklist writes version n+1 and sets superseded_at on n;
-- inspections keep pointing at the version they were scored against.
CREATE TABLE score_checklists (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_score_checklists__version ON score_checklists (tenant_id, code, version);

CREATE TABLE score_checklist_items (
  tenant_id BIGINT NOT NULL,
  {{id}},
  checklist_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  max_score INTEGER NOT NULL,
  guidance TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_score_checklist_items ON score_checklist_items (tenant_id, checklist_id, seq);

-- An inspection of a branch against one checklist version. state: active; superseded (a later
-- inspection corrects it: superseded_by); void (void_reason). Only active ones count.
CREATE TABLE score_inspections (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  checklist_id BIGINT NOT NULL,
  inspected_on TEXT NOT NULL,
  inspector_id BIGINT,
  inspector_name TEXT NOT NULL,
  total INTEGER NOT NULL,
  max_total INTEGER NOT NULL,
  note TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'superseded', 'void')),
  corrects_id BIGINT,
  superseded_by BIGINT,
  void_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  {{tenant_key}}
);
CREATE INDEX ix_score_inspections_path ON score_inspections (tenant_id, unit_path, inspected_on);

-- The score and note per item, with the item's title and maximum as they were scored.
CREATE TABLE score_inspection_items (
  tenant_id BIGINT NOT NULL,
  {{id}},
  inspection_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  item_code TEXT NOT NULL,
  item_title TEXT NOT NULL,
  max_score INTEGER NOT NULL,
  score INTEGER NOT NULL,
  note TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_score_inspection_items ON score_inspection_items (tenant_id, inspection_id);

-- The weights (whole percent, summing to 100) of a tenant's assessment year; a save supersedes.
CREATE TABLE score_weights (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  year INTEGER NOT NULL,
  inspection INTEGER NOT NULL,
  meetings INTEGER NOT NULL,
  study INTEGER NOT NULL,
  dues INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_score_weights ON score_weights (tenant_id, year, superseded_at);
-- One current set per year: two saves at once cannot both stay current (the second is a 409).
CREATE UNIQUE INDEX uq_score_weights__year ON score_weights (tenant_id, year) WHERE superseded_at IS NULL;

-- A finalised assessment year: decided once (irreversible), its ranking frozen in the rows below.
CREATE TABLE score_assessments (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  year INTEGER NOT NULL,
  weights_json TEXT NOT NULL,
  finalised_at TEXT NOT NULL,
  finalised_by BIGINT,
  finalised_by_name TEXT NOT NULL,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_score_assessments__year ON score_assessments (tenant_id, year);

-- score is per mille of 100 points (873 = 87.3); measures_json the measures and which were used.
CREATE TABLE score_assessment_results (
  tenant_id BIGINT NOT NULL,
  {{id}},
  assessment_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  ranking INTEGER NOT NULL,
  score INTEGER,
  measures_json TEXT NOT NULL,
  {{tenant_key}}
);
CREATE INDEX ix_score_assessment_results ON score_assessment_results (tenant_id, assessment_id, ranking);

-- A commendation (action award) or the revocation of one (action revoke, revokes_id, reason).
-- 先进党支部 names a unit; 优秀党务工作者 and 优秀共产党员 a member (unit_id: the member's unit then).
CREATE TABLE commendations (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  action TEXT NOT NULL CHECK (action IN ('award', 'revoke')),
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  member_id BIGINT,
  subject_name TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  basis TEXT NOT NULL,
  assessment_result_id BIGINT,
  revokes_id BIGINT,
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_commendations_year ON commendations (tenant_id, year, kind, unit_path);
CREATE INDEX ix_commendations_revokes ON commendations (tenant_id, revokes_id);

-- Tenants created before this migration get the default checklists (party/scoring/rules.cpp,
-- DefaultChecklists(): the same codes, titles and items), as new tenants get them at creation.
INSERT INTO score_checklists (tenant_id, code, version, title, created_at)
SELECT t.id, d.code, 1, d.title, '2026-01-01T00:00:00Z' FROM tenants t
JOIN (SELECT 'liuyou' AS code, '党支部活动阵地“六有”标准' AS title
      UNION ALL SELECT 'branch_work', '党支部工作检查') d ON 1 = 1
WHERE t.id <> 0
  AND NOT EXISTS (SELECT 1 FROM score_checklists x WHERE x.tenant_id = t.id AND x.code = d.code);

INSERT INTO score_checklist_items (tenant_id, checklist_id, seq, code, title, max_score, guidance)
SELECT c.tenant_id, c.id, i.seq, i.code, i.title, i.max_score, i.guidance FROM score_checklists c
JOIN (SELECT 'liuyou' AS list, 1 AS seq, 'rules' AS code, '有制度' AS title, 10 AS max_score, '党支部工作制度、三会一课制度等上墙' AS guidance
      UNION ALL SELECT 'liuyou', 2, 'flag', '有党旗', 10, '党旗悬挂规范'
      UNION ALL SELECT 'liuyou', 3, 'oath', '有誓词', 10, '入党誓词上墙'
      UNION ALL SELECT 'liuyou', 4, 'board', '有专栏', 10, '党务公开栏或宣传专栏，内容及时更新'
      UNION ALL SELECT 'liuyou', 5, 'computer', '有电脑', 10, '配备开展党务工作和远程教育的电脑'
      UNION ALL SELECT 'liuyou', 6, 'ledger', '有台账', 10, '三会一课、党员发展、党费收缴等台账齐全规范'
      UNION ALL SELECT 'branch_work', 1, 'three_one', '三会一课', 20, '按期召开支部党员大会、支委会、党小组会，按时上党课'
      UNION ALL SELECT 'branch_work', 2, 'theme_day', '主题党日', 10, '每月开展主题党日活动'
      UNION ALL SELECT 'branch_work', 3, 'life_meeting', '组织生活会和民主评议', 10, '每年召开组织生活会，开展民主评议党员'
      UNION ALL SELECT 'branch_work', 4, 'development', '发展党员', 10, '严格按程序发展党员，材料完整'
      UNION ALL SELECT 'branch_work', 5, 'dues', '党费收缴', 10, '按月足额交纳党费，台账清楚'
      UNION ALL SELECT 'branch_work', 6, 'records', '记录规范', 10, '会议记录完整，签到齐全') i
  ON i.list = c.code
WHERE c.version = 1
  AND NOT EXISTS (SELECT 1 FROM score_checklist_items x WHERE x.tenant_id = c.tenant_id AND x.checklist_id = c.id);

-- Built-in roles of tenants created before this migration get the issue-6 scoring permissions,
-- as new tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:scoring:list' AS permission
      UNION ALL SELECT 'admin', 'party:scoring:edit' UNION ALL SELECT 'admin', 'party:scoring:config'
      UNION ALL SELECT 'admin', 'party:commendation:edit'
      UNION ALL SELECT 'secretary', 'party:scoring:list'
      UNION ALL SELECT 'leader', 'party:scoring:list'
      UNION ALL SELECT 'auditor', 'party:scoring:list') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
