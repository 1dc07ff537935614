-- Meeting plans (issue 5, "a calendar of planned and held meetings"): a meeting put on the
-- calendar before it is held. A plan is its own record, not a meeting in another state, so every
-- count of held meetings (cadence, ledger, figures, attendance) stays as it is: a plan counts for
-- nothing until a meeting is recorded from it (state 'held', meeting_id set). Nothing is deleted:
-- a plan is cancelled with a reason; an edit (rescheduling) keeps the earlier fields in the audit
-- trail's before/after.
CREATE TABLE meeting_plans (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  unit_id BIGINT NOT NULL,
  unit_path TEXT NOT NULL,
  type TEXT NOT NULL,
  planned_on TEXT NOT NULL,
  start_time TEXT NOT NULL,
  place TEXT NOT NULL,
  topic TEXT NOT NULL,
  presenter TEXT,
  note TEXT,
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
  meeting_id BIGINT,
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
-- The calendar and the plan list read a scope's plans over a date range.
CREATE INDEX ix_meeting_plans_path_date ON meeting_plans (tenant_id, unit_path, planned_on);
CREATE INDEX ix_meeting_plans_date ON meeting_plans (tenant_id, planned_on, state);
