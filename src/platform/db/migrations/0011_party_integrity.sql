-- Integrity (清廉, issue 6): which hospital posts must sign the yearly 廉洁从业承诺书 (data per
-- tenant), the pledges signed, and the 九不准 self-checks. Nothing is deleted or edited: a pledge
-- is voided with a reason, a self-check is superseded by its next version.

-- The tenant's post classes (party/integrity/rules.hpp, PostClass). A tenant without rows uses
-- DefaultPostClasses(); saving replaces the set, the old rows get superseded_at.
CREATE TABLE integrity_post_classes (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  cls TEXT NOT NULL CHECK (cls IN ('middle', 'key')),
  keyword TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_integrity_post_classes_tenant ON integrity_post_classes (tenant_id, superseded_at);

-- A signed 廉洁从业承诺书: the member, the year, the signing date, and the posts and class as they
-- were on the list when it was recorded (what the printed form shows). At most one pledge in force
-- per member and year; a mistaken one is voided with a reason and stays.
CREATE TABLE integrity_pledges (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  year INTEGER NOT NULL,
  signed_on TEXT NOT NULL,
  cls TEXT NOT NULL,
  posts TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  voided_at TEXT,
  voided_by BIGINT,
  void_reason TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_integrity_pledges_year ON integrity_pledges (tenant_id, member_id, year) WHERE voided_at IS NULL;
CREATE INDEX ix_integrity_pledges_path ON integrity_pledges (tenant_id, year, unit_path);

-- A 九不准 self-check of a member for a period (2026, 2026-H1, 2026-H2): the nine answers as JSON
-- [{item, found, issue, measures, due_on, done_on}], with the counts the lists filter on. A
-- follow-up (整改完成) is a new version; the previous one gets superseded_at and stays.
CREATE TABLE integrity_self_checks (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  period TEXT NOT NULL,
  checked_on TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  issues INTEGER NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_integrity_self_checks_period ON integrity_self_checks (tenant_id, member_id, period)
  WHERE superseded_at IS NULL;
CREATE INDEX ix_integrity_self_checks_path ON integrity_self_checks (tenant_id, period, unit_path);

-- Built-in roles of tenants created before this migration get the integrity permissions, as new
-- tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:integrity:list' AS permission
      UNION ALL SELECT 'admin', 'party:integrity:edit'
      UNION ALL SELECT 'secretary', 'party:integrity:list'
      UNION ALL SELECT 'leader', 'party:integrity:list' UNION ALL SELECT 'auditor', 'party:integrity:list') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
