-- Member points (党员积分, issue 6): the scheme as data per tenant, versioned; manual bonuses and
-- deductions with their approval. The points themselves are never stored: they are computed
-- from the source records (attendance, 党课, approved entries) at read time, so they cannot
-- drift from them (party/points/rules.hpp).

-- One version of a rule for an action. A change is a new row effective from a date; every row
-- stays, and each judges the dates from its effective_from to the next version's.
CREATE TABLE points_rules (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  action TEXT NOT NULL,
  name TEXT NOT NULL,
  points INTEGER NOT NULL,
  cycle TEXT NOT NULL CHECK (cycle IN ('once', 'day', 'month', 'quarter', 'year')),
  cycle_cap INTEGER NOT NULL DEFAULT 0,
  year_cap INTEGER NOT NULL DEFAULT 0,
  effective_from TEXT NOT NULL,
  enabled SMALLINT NOT NULL DEFAULT 1,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_points_rules_version ON points_rules (tenant_id, action, effective_from);

-- A bonus or deduction entered by hand: proposed by one user, approved or rejected by another
-- holding party:points:approve. Only approved entries count. unit_path is the member's unit when
-- proposed, for the scope filter. Nothing is deleted or edited: the decision is added to the row.
CREATE TABLE points_entries (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  action TEXT NOT NULL,
  points INTEGER NOT NULL,
  occurred_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_by BIGINT,
  proposed_at TEXT NOT NULL,
  decided_by BIGINT,
  decided_at TEXT,
  decision_note TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_points_entries_member ON points_entries (tenant_id, member_id, status);
CREATE INDEX ix_points_entries_path ON points_entries (tenant_id, unit_path, status);

-- Every tenant that exists now gets DefaultRules() of party/points/rules.cpp; tenants created
-- later get them from CreateTenant (app/tenants.cpp).
INSERT INTO points_rules (tenant_id, action, name, points, cycle, cycle_cap, year_cap, effective_from, enabled, created_at)
SELECT t.id, d.action, d.name, d.points, d.cycle, d.cycle_cap, d.year_cap, '2000-01-01', 1, '2000-01-01T00:00:00Z'
FROM tenants t
CROSS JOIN (SELECT 'meeting_attend' AS action, '参加组织生活' AS name, 2 AS points, 'month' AS cycle, 10 AS cycle_cap, 60 AS year_cap
            UNION ALL SELECT 'lecture', '讲党课', 5, 'quarter', 10, 20
            UNION ALL SELECT 'meeting_absent', '无故缺席组织生活', 3, 'month', 6, 30
            UNION ALL SELECT 'manual_bonus', '表彰、志愿服务等加分', 5, 'year', 20, 20
            UNION ALL SELECT 'manual_deduct', '违规违纪等扣分', 5, 'year', 20, 20
            UNION ALL SELECT 'dues_on_time', '按时交纳党费', 1, 'month', 1, 12
            UNION ALL SELECT 'commendation', '受到表彰', 10, 'year', 20, 20) d;

-- Built-in roles of tenants created before this migration get the points permissions, as new
-- tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:points:list' AS permission
      UNION ALL SELECT 'admin', 'party:points:edit' UNION ALL SELECT 'admin', 'party:points:approve'
      UNION ALL SELECT 'admin', 'party:points:rules'
      UNION ALL SELECT 'secretary', 'party:points:list' UNION ALL SELECT 'secretary', 'party:points:edit'
      UNION ALL SELECT 'leader', 'party:points:list' UNION ALL SELECT 'auditor', 'party:points:list'
      UNION ALL SELECT 'member', 'party:points:own') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
