-- Home visits (入户走访), visit plans and each household's personalised service plan (issue 7).
-- Coverage ("户户到家、人人见面") is judged from visits and visit_persons; what the coverage
-- query reads is kept narrow: visit_persons repeats the visit's village, date and state so a
-- period's lines for a set of villages come from one index range, without joining visits.

-- A visit plan: a period (month, quarter, or a campaign with its own dates and name, see
-- health/outreach/visit_period.hpp) over a set of villages. Cancelled with a reason, never deleted.
CREATE TABLE visit_plans (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'campaign')),
  period_key TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  team_id BIGINT,
  note TEXT,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE INDEX ix_visit_plans_period ON visit_plans (tenant_id, starts_on, id);

CREATE TABLE visit_plan_villages (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  plan_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_visit_plan_villages ON visit_plan_villages (tenant_id, plan_id, village_code);

-- One home visit. client_id is the UUID the recording device generated: a retry of the same
-- visit finds it and writes nothing; body_json (the request as the server understood it) tells a
-- retry from a different visit reusing the id. household_version is the households.version the
-- device saw. actions: the fixed list of health/outreach/visit.hpp, joined by ','. A mistaken
-- visit is voided with a reason (state 'void'), never deleted.
CREATE TABLE visits (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  client_id TEXT NOT NULL,
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  visited_on TEXT NOT NULL,
  team_id BIGINT,
  recorded_by BIGINT,
  findings TEXT,
  needs TEXT,
  actions TEXT,
  next_steps TEXT,
  household_version INTEGER NOT NULL,
  body_json TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'void')),
  void_reason TEXT,
  voided_at TEXT,
  voided_by BIGINT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE UNIQUE INDEX uq_visits_client ON visits (tenant_id, client_id);
CREATE INDEX ix_visits_household ON visits (tenant_id, household_id, visited_on);
-- Coverage: the visited households of a period in a set of villages.
CREATE INDEX ix_visits_village_date ON visits (tenant_id, village_code, visited_on, household_id, state);

-- The team members present at a visit (names kept as they were on the day).
CREATE TABLE visit_staff (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  visit_id BIGINT NOT NULL,
  team_member_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  {{tenant_key}}
);
CREATE INDEX ix_visit_staff_visit ON visit_staff (tenant_id, visit_id);

-- Each current household member at a visit: seen, or not seen with the reason (外出务工, 住院,
-- 上学, 走亲访友, 其他 + note). Blood pressure in mmHg, glucose in 0.1 mmol/L (integers), when
-- measured. village_code, visited_on and active repeat the visit's so coverage reads one index
-- range (active = 0 once the visit is voided).
CREATE TABLE visit_persons (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  visit_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  visited_on TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  seen INTEGER NOT NULL,
  reason TEXT,
  note TEXT,
  systolic INTEGER,
  diastolic INTEGER,
  glucose INTEGER,
  {{tenant_key}}
);
CREATE INDEX ix_visit_persons_visit ON visit_persons (tenant_id, visit_id);
CREATE INDEX ix_visit_persons_period ON visit_persons (tenant_id, village_code, visited_on, active, person_id, seen);

-- A visit's photo (jpeg/png by magic bytes, ≤ 5 MB), base64 in TEXT as meeting attachments are;
-- kept apart so the visit rows stay narrow. A new photo supersedes, the old row stays.
CREATE TABLE visit_photos (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  visit_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  bytes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_visit_photos_visit ON visit_photos (tenant_id, visit_id, id);

-- The household's personalised service plan (个性化服务方案): what is owed, by whom, by when,
-- and how far it got. Status changes carry the version; each change is kept below.
CREATE TABLE service_plan_items (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  household_id BIGINT NOT NULL,
  village_code TEXT NOT NULL,
  item TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('未开始', '进行中', '已完成', '取消')),
  note TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  {{tenant_key}}
);
CREATE INDEX ix_service_plan_items_household ON service_plan_items (tenant_id, household_id, id);
CREATE INDEX ix_service_plan_items_village ON service_plan_items (tenant_id, village_code, status);

CREATE TABLE service_plan_history (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  item_id BIGINT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT,
  visit_id BIGINT,
  changed_at TEXT NOT NULL,
  changed_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_service_plan_history_item ON service_plan_history (tenant_id, item_id, id);
