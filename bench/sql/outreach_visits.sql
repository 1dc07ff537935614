-- A year of monthly home visits for the benchmark households of tenant @TENANT@ (after
-- outreach_registry.sql): each household visited once in each of the 11 months before @MONTH@
-- (YYYY-MM, the benchmark's current month) and about 60% of them in @MONTH@ itself; at each visit
-- every member has a line — seen, or (one in ten) not seen because 外出务工. Dates and months come
-- from @MONTHS@, a comma-free list of the 12 months as 'YYYY-MM' strings joined by the script into
-- a VALUES list. Runs on SQLite and PostgreSQL alike.
INSERT INTO visits (tenant_id, client_id, household_id, village_code, visited_on, household_version, body_json, state,
                    created_at)
WITH m(month, last) AS (VALUES @MONTHS@)
SELECT h.tenant_id, 'bench-' || CAST(h.id AS TEXT) || '-' || m.month, h.id, h.village_code,
       m.month || '-' || CASE WHEN h.id % 28 < 9 THEN '0' ELSE '' END || CAST(h.id % 28 + 1 AS TEXT), 1, '{}', 'active',
       m.month || '-28T10:00:00Z'
FROM households h CROSS JOIN m
WHERE h.tenant_id = @TENANT@ AND h.number LIKE 'B@TENANT@-%' AND (m.last = 0 OR h.id % 10 < 6);

ANALYZE visits;

INSERT INTO visit_persons (tenant_id, visit_id, person_id, household_id, village_code, visited_on, active, seen, reason)
SELECT v.tenant_id, v.id, p.id, v.household_id, v.village_code, v.visited_on, 1,
       CASE WHEN (p.id + v.id) % 10 = 0 THEN 0 ELSE 1 END,
       CASE WHEN (p.id + v.id) % 10 = 0 THEN '外出务工' ELSE NULL END
FROM visits v JOIN persons p ON p.tenant_id = v.tenant_id AND p.household_id = v.household_id
WHERE v.tenant_id = @TENANT@ AND v.client_id LIKE 'bench-%';

ANALYZE visit_persons;
