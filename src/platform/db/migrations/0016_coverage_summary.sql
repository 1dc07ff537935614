-- Coverage kept current (health/outreach/coverage_summary.hpp): each household's judgement per
-- period and the sums per village, so the coverage screen, its lists and the health figures read
-- village rows instead of judging every person of a county or province on each request. Derived
-- data: rebuilt from visits and the registry at will, updated in place (history lives in those).

-- A period built for a tenant: its dates and the day it was last judged on (today while it runs).
CREATE TABLE coverage_periods (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  period_key TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  judged_on TEXT NOT NULL,
  built_at TEXT NOT NULL,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_coverage_periods ON coverage_periods (tenant_id, period_key);

-- One active household in one built period, as JudgeHousehold answered. counted = 0: no current
-- member on the judging day (left out of every sum and list).
CREATE TABLE coverage_households (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  period_key TEXT NOT NULL,
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  number TEXT NOT NULL,
  counted SMALLINT NOT NULL,
  visited SMALLINT NOT NULL,
  covered SMALLINT NOT NULL,
  persons INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  with_reason INTEGER NOT NULL,
  not_seen INTEGER NOT NULL,
  last_visit TEXT,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_coverage_households ON coverage_households (tenant_id, period_key, household_id);
-- The lists behind the counts, in village then household-number order, one index range each.
CREATE INDEX ix_coverage_households_list ON coverage_households (tenant_id, period_key, counted, village_code, number, household_id);

-- The sums of the counted households of a village in a period; households_not_seen counts the
-- households with anyone not yet accounted for (the persons list's households).
CREATE TABLE coverage_villages (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  period_key TEXT NOT NULL,
  village_code TEXT NOT NULL,
  households INTEGER NOT NULL,
  visited INTEGER NOT NULL,
  covered INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  with_reason INTEGER NOT NULL,
  not_seen INTEGER NOT NULL,
  households_not_seen INTEGER NOT NULL,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_coverage_villages ON coverage_villages (tenant_id, period_key, village_code);
