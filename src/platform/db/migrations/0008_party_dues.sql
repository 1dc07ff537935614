-- 党费 (dues, issue 6): each member's base (核定基数) with its source and history, the monthly dues
-- generated from it, payments spread over months, and the reason recorded for six months unpaid.
-- Money is integer fen. Nothing is deleted or edited in place: a base is followed by a newer one,
-- a month's due is superseded by a recomputed or corrected row that references it, a payment is
-- voided by a void row that references it, a reason is superseded by the next one.

-- The pay items a tenant counts into the after-tax regular pay (default: 岗位工资, 薪级工资,
-- 绩效工资, 津贴补贴; party/dues/rules.hpp). regular = 0 marks a one-off item (年终奖) that a
-- form may show but the base leaves out. Saving replaces the set; old rows get superseded_at.
CREATE TABLE dues_pay_items (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  name TEXT NOT NULL,
  regular SMALLINT NOT NULL DEFAULT 1,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_dues_pay_items_tenant ON dues_pay_items (tenant_id, superseded_at);

-- A member's base from effective_month on, until a later base takes over. items holds the item
-- amounts used (JSON [{name, amount_fen, regular}]) when source = 'items'. monthly_fen is the
-- due the rules computed (rate × base, or the fixed amount, plus extra_fen).
CREATE TABLE dues_bases (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  category TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('entered', 'items', 'pension', 'fixed')),
  effective_month TEXT NOT NULL,
  base_fen BIGINT NOT NULL DEFAULT 0,
  fixed_fen BIGINT NOT NULL DEFAULT 0,
  extra_fen BIGINT NOT NULL DEFAULT 0,
  tax_fen BIGINT NOT NULL DEFAULT 0,
  insurance_fen BIGINT NOT NULL DEFAULT 0,
  items TEXT,
  rate_bp INTEGER NOT NULL DEFAULT 0,
  monthly_fen BIGINT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_dues_bases_member ON dues_bases (tenant_id, member_id, effective_month);

-- One current row per member and month (superseded_at IS NULL). kind: generated (from the base),
-- recomputed (a base change reaching a month not yet past), correction (of a past month, with a
-- reason). corrects_id names the row a recomputed or corrected row replaces. unit_path is the
-- member's unit when generated, so a branch's totals are a prefix match.
CREATE TABLE dues_months (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  month TEXT NOT NULL,
  due_fen BIGINT NOT NULL,
  base_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('generated', 'recomputed', 'correction')),
  corrects_id BIGINT,
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_dues_months_current ON dues_months (tenant_id, member_id, month) WHERE superseded_at IS NULL;
-- Branch and committee totals per month: the scope's current rows of a year from the index alone.
CREATE INDEX ix_dues_months_path ON dues_months (tenant_id, superseded_at, unit_path, month, due_fen, member_id);

-- A payment (kind 'payment') or the void of one (kind 'void', voids_id = the payment, amount 0).
-- A voided payment's lines no longer count as paid; both rows stay.
CREATE TABLE dues_payments (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'void')),
  member_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  method TEXT NOT NULL,
  collector TEXT NOT NULL,
  note TEXT,
  voids_id BIGINT,
  voided SMALLINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_dues_payments_member ON dues_payments (tenant_id, member_id, paid_on);
CREATE INDEX ix_dues_payments_path ON dues_payments (tenant_id, kind, voided, unit_path, paid_on);

-- How a payment was spread: applied against the month's due, extra beyond it (voluntary).
-- voided mirrors the payment's state so month sums need no join.
CREATE TABLE dues_payment_lines (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  payment_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  month TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  applied_fen BIGINT NOT NULL,
  extra_fen BIGINT NOT NULL DEFAULT 0,
  voided SMALLINT NOT NULL DEFAULT 0,
  {{tenant_key}}
);
CREATE INDEX ix_dues_lines_member ON dues_payment_lines (tenant_id, member_id, month);
CREATE INDEX ix_dues_lines_path ON dues_payment_lines (tenant_id, voided, unit_path, month, applied_fen, extra_fen);
CREATE INDEX ix_dues_lines_payment ON dues_payment_lines (tenant_id, payment_id);

-- Why a member has not paid (a proper reason the branch accepts, or what it is doing about it).
-- The newest row of a member is current; earlier ones get superseded_at.
CREATE TABLE dues_unpaid_reasons (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  superseded_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_dues_reasons_member ON dues_unpaid_reasons (tenant_id, member_id, superseded_at);

-- Built-in roles of tenants created before this migration get the dues permissions, as new
-- tenants get them from BuiltinRoles().
INSERT INTO role_permissions (tenant_id, role_id, permission)
SELECT r.tenant_id, r.id, p.permission FROM roles r
JOIN (SELECT 'admin' AS code, 'party:dues:list' AS permission
      UNION ALL SELECT 'admin', 'party:dues:edit' UNION ALL SELECT 'admin', 'party:dues:config'
      UNION ALL SELECT 'secretary', 'party:dues:list' UNION ALL SELECT 'secretary', 'party:dues:edit'
      UNION ALL SELECT 'leader', 'party:dues:list' UNION ALL SELECT 'auditor', 'party:dues:list') p
  ON p.code = r.code
WHERE r.builtin = 1
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.tenant_id = r.tenant_id AND x.role_id = r.id AND x.permission = p.permission);
