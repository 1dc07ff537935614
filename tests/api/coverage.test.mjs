// Coverage (docs/health-api.md): every count of GET /api/v1/coverage equals the total of the list
// behind it, under several filters; the rows per village and per team add up; the outreach
// login sees only its team's villages; recording a visit takes a household off the not-visited
// list; the health figures equal their records lists; the .xlsx export, masked without the
// health:registry:pii permission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai } from './lib/idnumber.mjs';
import { DONGLIN, YONGHE, TOWN, OUTREACH_VILLAGES, form, visitBody, allHouseholds } from './lib/visits.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const MONTH = TODAY.slice(0, 7);
const quarterOf = (iso) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
const prevMonth = (() => {
  const [y, m] = MONTH.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const total = async (c, url) => expectJson(await c.get(`${url}${url.includes('?') ? '&' : '?'}size=1`), 200).total;

test('setup', async () => {
  for (const u of ['admin', 'outreach', 'leader', 'member', 'secretary']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  const cov = expectJson(await s.admin.get('/api/v1/coverage'), 200);
  s.teams = cov.teams;
});

// Each count equals its list's total; villages and teams add up to the totals.
async function checkCoverage(c, params, who) {
  const cov = expectJson(await c.get(`/api/v1/coverage${params ? `?${params}` : ''}`), 200);
  const t = cov.totals;
  const label = `${who} ${params}`;
  assert.equal(await total(c, cov.records.not_visited), t.not_visited, `${label} not_visited`);
  assert.equal(await total(c, cov.records.visited), t.visited, `${label} visited`);
  assert.equal(await total(c, cov.records.covered), t.covered, `${label} covered`);
  assert.equal(await total(c, cov.records.not_covered), t.not_covered, `${label} not_covered`);
  assert.equal(await total(c, cov.records.persons_not_seen), t.not_seen, `${label} persons not seen`);
  assert.equal(await total(c, cov.records.persons_reason), t.with_reason, `${label} persons with reason`);
  assert.equal(await total(c, cov.records.persons_seen), t.seen, `${label} persons seen`);
  assert.equal(t.visited + t.not_visited, t.households);
  assert.equal(t.seen + t.with_reason + t.not_seen, t.persons);
  assert.ok(t.covered <= t.visited);
  const sum = (rows, k) => rows.reduce((n, r) => n + r[k], 0);
  for (const k of ['households', 'visited', 'covered', 'persons', 'seen', 'with_reason', 'not_seen']) {
    assert.equal(sum(cov.villages, k), t[k], `${label} villages add up (${k})`);
    assert.equal(sum(cov.teams, k), t[k], `${label} teams add up (${k})`);
  }
  for (const v of cov.villages) assert.equal(await total(c, v.not_visited_records), v.not_visited, `${label} village ${v.name}`);
  if (t.households) assert.equal(t.visited_permille, Math.floor((t.visited * 1000 * 2 + t.households) / (2 * t.households)));
  return cov;
}

test('counts equal their lists under several filters', async () => {
  const all = await checkCoverage(s.admin, '', 'admin');
  assert.equal(all.totals.households, 91);
  assert.equal(all.villages.length, 12);
  assert.equal(all.teams.length, 4);
  assert.ok(all.teams.every((t) => t.leader_name), 'each team with its leader');
  // This month is about 60% visited in the demo; the month before nearly complete.
  assert.ok(all.totals.visited > 30 && all.totals.visited < 80, `this month partly visited: ${all.totals.visited}`);
  const prev = await checkCoverage(s.admin, `period=${prevMonth}`, 'admin');
  assert.ok(prev.totals.visited >= 80, `the month before nearly complete: ${prev.totals.visited}`);
  assert.ok(prev.totals.with_reason > 0, 'some persons away with a reason');
  await checkCoverage(s.admin, `period=${quarterOf(TODAY)}`, 'admin');
  await checkCoverage(s.admin, `village=${DONGLIN}`, 'admin');
  await checkCoverage(s.admin, `town=${TOWN}`, 'admin');
  await checkCoverage(s.admin, `team=${s.teams[1].id}&period=${prevMonth}`, 'admin');
  await checkCoverage(s.leader, '', 'leader');
  const mine = await checkCoverage(s.outreach, '', 'outreach');
  assert.deepEqual(mine.villages.map((v) => v.code), OUTREACH_VILLAGES, 'the outreach login sees its three villages only');
  const hs = await allHouseholds(s.outreach, 'state=not_visited');
  assert.ok(hs.every((h) => OUTREACH_VILLAGES.includes(h.village_code)));
});

test('bad parameters are 400 naming them; a village outside the scope 404; member refused', async () => {
  expectProblem(await s.admin.get('/api/v1/coverage?period=2026-13'), 400, 'period');
  expectProblem(await s.admin.get('/api/v1/coverage?period=2026-Q5'), 400, 'period');
  expectProblem(await s.admin.get('/api/v1/coverage?period=2999-01'), 400, 'period');
  expectProblem(await s.admin.get('/api/v1/coverage?village=12'), 400, 'village');
  expectProblem(await s.admin.get('/api/v1/coverage?town=5001'), 400, 'town');
  expectProblem(await s.admin.get('/api/v1/coverage?team=x'), 400, 'team');
  expectProblem(await s.admin.get('/api/v1/coverage/households?state=gone'), 400, 'state');
  expectProblem(await s.admin.get('/api/v1/coverage/persons?state=gone'), 400, 'state');
  expectProblem(await s.outreach.get(`/api/v1/coverage?village=${YONGHE}`), 404, 'village');
  expectProblem(await s.member.get('/api/v1/coverage'), 403);
});

test('lists: sorted by village then household number, masked', async () => {
  const hs = await allHouseholds(s.admin, '');
  const keys = hs.map((h) => `${h.village_code}/${h.number}`);
  assert.deepEqual(keys, [...keys].sort());
  const ps = expectJson(await s.admin.get('/api/v1/coverage/persons?size=50'), 200);
  assert.ok(ps.items.every((p) => p.id_number.includes('*')));
  assert.ok(ps.items.every((p) => !p.phone || p.phone.includes('*')));
});

test('a visit recorded for a not-visited household takes it off the list', async () => {
  const before = expectJson(await s.outreach.get('/api/v1/coverage'), 200);
  const list = await allHouseholds(s.outreach, 'state=not_visited');
  assert.ok(list.length > 0, 'some household of the outreach team not yet visited this month');
  const h = list[0];
  const f = await form(s.outreach, h.id);
  expectJson(await s.outreach.post('/api/v1/visits', visitBody(f, TODAY)), 201);
  const after = await allHouseholds(s.outreach, 'state=not_visited');
  assert.ok(!after.some((x) => x.id === h.id), 'left the not-visited list');
  assert.equal(after.length, list.length - 1);
  const covered = await allHouseholds(s.outreach, 'state=covered');
  assert.ok(covered.some((x) => x.id === h.id), 'everyone seen: covered');
  const now = expectJson(await s.outreach.get('/api/v1/coverage'), 200);
  assert.equal(now.totals.visited, before.totals.visited + 1);
});

test('figures: each value and group equals its records list', async () => {
  const cat = expectJson(await s.admin.get('/api/v1/figures'), 200).items.map((f) => f.name);
  const names = ['health_households', 'health_persons', 'health_visited_households', 'health_seen_persons', 'health_covered_households'];
  for (const n of names) assert.ok(cat.includes(n), `${n} in the catalogue`);
  for (const [c, who] of [[s.admin, 'admin'], [s.leader, 'leader']]) {
    for (const n of names) {
      for (const params of ['', `period=${prevMonth}&by=team`, `village=${DONGLIN}&by=leader`]) {
        const f = expectJson(await c.get(`/api/v1/figures/${n}${params ? `?${params}` : ''}`), 200);
        assert.equal(await total(c, f.records), f.value, `${who} ${n} ${params}: value = total of ${f.records}`);
        for (const g of f.groups) assert.equal(await total(c, g.records), g.value, `${who} ${n} ${params}: group ${g.label}`);
      }
    }
  }
  // Without health:visit:list the health figures are not in the catalogue and refused.
  const theirs = expectJson(await s.secretary.get('/api/v1/figures'), 200).items.map((f) => f.name);
  assert.ok(theirs.length > 0 && names.every((n) => !theirs.includes(n)), 'no health figure for the secretary');
  expectProblem(await s.secretary.get('/api/v1/figures/health_households'), 403);
  const h = expectJson(await s.admin.get('/api/v1/figures/health_households'), 200);
  assert.equal(h.value, 91);
  assert.equal(h.groups.length, 12);
});

test('export: the not-yet lists as .xlsx', async () => {
  const res = await fetch(`${srv.url}/api/v1/coverage/export`, { headers: { cookie: s.leader.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
  assert.match(res.headers.get('content-disposition'), /coverage\.xlsx/);
  // With health:registry:pii (admin) the ID numbers are in full, and the export is audited.
  const full = await fetch(`${srv.url}/api/v1/coverage/export`, { headers: { cookie: s.admin.cookieHeader() } });
  assert.equal(full.status, 200);
  assert.equal(Buffer.from(await full.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK');
  const audad = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
  const log = expectJson(await audad.get('/api/v1/audit?action=reveal&record_type=person'), 200);
  assert.ok(log.items.some((e) => e.record_id === 'coverage-export'), 'the full export is audited');
});
