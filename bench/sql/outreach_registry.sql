-- Benchmark registry for one county hospital (tenant @TENANT@): @VILLAGES@ villages in towns of 20
-- under county code @COUNTY@, @HOUSEHOLDS@ households spread evenly over them, 4 persons each
-- (户主, 配偶, 子, 女), about one in five with a chronic condition. Runs on SQLite and PostgreSQL
-- alike (recursive CTEs, no generate_series); bench/outreach substitutes the @…@ values.
-- The personal-data columns hold placeholders (id_enc 'bench', a unique blind index, a masked
-- form): the benchmarked paths — coverage figures and lists — read only the masked form.
INSERT INTO divisions (code, name, level, parent_code, full_name)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < (@VILLAGES@ - 1) / 20)
SELECT '@COUNTY@' || CAST(100 + i AS TEXT), '第' || CAST(i + 1 AS TEXT) || '镇', 'town', '@COUNTY@',
       '基准县@COUNTY@第' || CAST(i + 1 AS TEXT) || '镇'
FROM n;

INSERT INTO divisions (code, name, level, parent_code, full_name)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @VILLAGES@ - 1)
SELECT '@COUNTY@' || CAST(100 + i / 20 AS TEXT) || CAST(200 + i % 20 AS TEXT), '第' || CAST(i + 1 AS TEXT) || '村',
       'village', '@COUNTY@' || CAST(100 + i / 20 AS TEXT), '基准县@COUNTY@第' || CAST(i / 20 + 1 AS TEXT) || '镇第' || CAST(i + 1 AS TEXT) || '村'
FROM n;

INSERT INTO households (tenant_id, village_code, number, group_name, address_enc, address_mask, poverty_cause, status,
                        status_since, registered_on, income_year, income_fen, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @HOUSEHOLDS@ - 1)
SELECT @TENANT@, '@COUNTY@' || CAST(100 + (i % @VILLAGES@) / 20 AS TEXT) || CAST(200 + (i % @VILLAGES@) % 20 AS TEXT),
       'B@TENANT@-' || CAST(i AS TEXT), CAST(1 + i % 8 AS TEXT) || '组', 'bench', '基准县****',
       CASE i % 5 WHEN 0 THEN '因残' WHEN 1 THEN '因学' WHEN 2 THEN '缺劳力' ELSE '因病' END,
       CASE WHEN i % 20 < 16 THEN '脱贫' WHEN i % 20 < 19 THEN '监测对象' ELSE '未脱贫' END,
       '2020-12-20', '2015-06-15', 2025, 900000 + (i % 700) * 1000, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM n;

INSERT INTO persons (tenant_id, household_id, village_code, name, sex, birth_date, id_enc, id_bidx, id_mask, relation,
                     chronic, created_at, updated_at)
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 4)
SELECT h.tenant_id, h.id, h.village_code, '成员' || CAST(h.id AS TEXT) || '-' || CAST(k.j AS TEXT),
       CASE WHEN k.j IN (1, 3) THEN '男' ELSE '女' END,
       CASE k.j WHEN 1 THEN '1962-03-01' WHEN 2 THEN '1965-07-12' WHEN 3 THEN '1990-10-05' ELSE '1995-01-20' END,
       'bench', 'bench-' || CAST(h.tenant_id AS TEXT) || '-' || CAST(h.id AS TEXT) || '-' || CAST(k.j AS TEXT),
       '500***********' || CAST(1000 + (h.id * 4 + k.j) % 9000 AS TEXT),
       CASE k.j WHEN 1 THEN '户主' WHEN 2 THEN '配偶' WHEN 3 THEN '子' ELSE '女' END,
       CASE WHEN k.j <= 2 AND h.id % 5 = 0 THEN '高血压' ELSE NULL END, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM households h CROSS JOIN k
WHERE h.tenant_id = @TENANT@ AND h.number LIKE 'B@TENANT@-%';

-- Fresh rows have no planner statistics yet: without them PostgreSQL joins by nested loops.
ANALYZE households;
ANALYZE persons;
UPDATE households SET head_person_id = p.id
FROM persons p
WHERE p.tenant_id = households.tenant_id AND p.household_id = households.id AND p.relation = '户主'
  AND households.tenant_id = @TENANT@ AND households.number LIKE 'B@TENANT@-%';
