-- 一对一帮扶 (issue 7): a Party member of the hospital paired with a registered household, with
-- history. A household has at most one current pairing (to_on NULL); pairing it anew ends the
-- current one on the new one's first day with end_reason. member_name and village_code are
-- copied at pairing time so the history reads as it was and the village scope filters without
-- a join. Dates as outreach_team_villages: from_on the first day, to_on the first day no longer.
CREATE TABLE outreach_pairings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  member_id BIGINT NOT NULL,
  member_name TEXT NOT NULL,
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  from_on TEXT NOT NULL,
  to_on TEXT,
  end_reason TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  ended_at TEXT,
  ended_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_outreach_pairings_household ON outreach_pairings (tenant_id, household_id, from_on);
CREATE INDEX ix_outreach_pairings_member ON outreach_pairings (tenant_id, member_id, from_on);
CREATE INDEX ix_outreach_pairings_village ON outreach_pairings (tenant_id, village_code, to_on);

-- A team ends with a date and a reason (0012 has the date only).
ALTER TABLE outreach_teams ADD COLUMN end_reason TEXT;
