// 一对一帮扶 pairings (docs/openapi.yaml tag "health"): the demo's 30 paired households with two
// re-pairings in their history, pairing and its validation (a Party member of the hospital, a
// household in the caller's villages), re-pairing that needs a reason and ends the current
// pairing on the new first day, ending, the lists by member, household, village and state, and
// who may do what (outreach reads its villages only and may not write; member/secretary 403;
// another hospital 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const BASE = '/api/v1/outreach/pairings';
const MINE = ['500111103200', '500111103201', '500111103202']; // 第一帮扶队: 东林村, 明月村, 麻杨村
const JB_PASSWORD = 'Jiangbei#Adm2026';

test('setup: sessions, households inside and outside the outreach login\'s villages, members', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.outreach = await loginAs(srv.url, 'outreach', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  const jb = srv.rows("SELECT id FROM tenants WHERE name LIKE '%江北%'")[0][0];
  const add = srv.qizhi(['user', 'add', 'jb.admin', '--name', '江北党办', '--tenant', String(jb), '--role', 'admin'], { QIZHI_PASSWORD: JB_PASSWORD });
  assert.equal(add.status, 0, add.output);
  s.jb = await loginAs(srv.url, 'jb.admin', JB_PASSWORD);
  s.jbMember = Number(srv.rows(`SELECT id FROM members WHERE tenant_id = ${jb} ORDER BY id LIMIT 1`)[0][0]);
  // Households nobody is paired with: one in 东林村 (the outreach login's), one in 双柏村 (not).
  const free = (village) => Number(srv.rows(`SELECT h.id FROM households h WHERE h.tenant_id = 2 AND h.village_code = '${village}' AND NOT EXISTS (SELECT 1 FROM outreach_pairings p WHERE p.tenant_id = 2 AND p.household_id = h.id) ORDER BY h.id`)[0][0]);
  s.inside = free(MINE[0]);
  s.outside = free('500111103211');
  const members = srv.rows("SELECT id, name FROM members WHERE tenant_id = 2 AND state = 'active' ORDER BY id DESC LIMIT 3");
  s.m1 = { id: Number(members[0][0]), name: members[0][1] };
  s.m2 = { id: Number(members[1][0]), name: members[1][1] };
  s.m3 = { id: Number(members[2][0]), name: members[2][1] };
});

test('demo: 30 households paired now; two were re-paired, their first pairing ended with a reason', async () => {
  const now = expectJson(await s.admin.get(`${BASE}?size=100`), 200);
  assert.equal(now.total, 30);
  assert.equal(new Set(now.items.map((p) => p.household_id)).size, 30, 'one current pairing per household');
  assert.ok(now.items.every((p) => p.current && p.to_on === null && p.member_name && p.village_name));
  const ended = expectJson(await s.admin.get(`${BASE}?state=ended`), 200);
  assert.equal(ended.total, 2);
  assert.ok(ended.items.every((p) => p.end_reason && p.to_on <= TODAY));
  for (const e of ended.items) {
    const hist = expectJson(await s.admin.get(`${BASE}?household=${e.household_id}&state=all&sort=from_on`), 200).items;
    assert.equal(hist.length, 2);
    assert.equal(hist[0].to_on, hist[1].from_on, 're-paired on the day the first ended');
    assert.notEqual(hist[0].member_id, hist[1].member_id);
  }
  assert.equal(expectJson(await s.admin.get(`${BASE}?state=all`), 200).total, 32);
});

test('the outreach login reads the pairings of its villages only, and may not pair (403)', async () => {
  const mine = expectJson(await s.outreach.get(`${BASE}?size=100`), 200);
  assert.ok(mine.total > 0);
  assert.ok(mine.items.every((p) => MINE.includes(p.village_code)), 'only 东林村, 明月村, 麻杨村');
  const inMine = Number(srv.sql(`SELECT COUNT(*) FROM outreach_pairings WHERE tenant_id = 2 AND to_on IS NULL AND village_code IN ('${MINE.join("','")}')`));
  assert.equal(mine.total, inMine);
  assert.equal(expectJson(await s.outreach.get(`${BASE}?village=500111103211`), 200).total, 0);
  expectProblem(await s.outreach.post(BASE, { member_id: s.m1.id, household_id: s.inside, from_on: TODAY }), 403);
});

test('member and secretary refused; another hospital sees none and cannot pair 大足\'s households', async () => {
  expectProblem(await s.member.get(BASE), 403);
  expectProblem(await s.secretary.post(BASE, {}), 403);
  assert.equal(expectJson(await s.jb.get(BASE), 200).total, 0);
  expectProblem(await s.jb.post(BASE, { member_id: s.jbMember, household_id: s.inside, from_on: TODAY }), 404, 'household_id');
  const any = expectJson(await s.admin.get(`${BASE}?size=1`), 200).items[0];
  expectProblem(await s.jb.post(`${BASE}/${any.id}/end`, { to_on: TODAY, reason: 'x' }), 404, 'id');
});

test('pair: every validation error names its field', async () => {
  expectProblem(await s.admin.post(BASE, { household_id: s.inside, from_on: TODAY }), 400, 'member_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, from_on: TODAY }), 400, 'household_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: s.inside }), 400, 'from_on');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: s.inside, from_on: '2026-13-01' }), 400, 'from_on');
  expectProblem(await s.admin.post(BASE, { member_id: 'x', household_id: s.inside, from_on: TODAY }), 400, 'member_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: -3, from_on: TODAY }), 400, 'household_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.jbMember, household_id: s.inside, from_on: TODAY }), 400, 'member_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: 99999999, from_on: TODAY }), 404, 'household_id');
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: s.inside, from_on: TODAY, note: '注'.repeat(501) }), 400, 'note');
});

test('pair, then re-pair: the reason is required, the first pairing ends on the new first day', async () => {
  const p = expectJson(await s.admin.post(BASE, { member_id: s.m1.id, household_id: s.inside, from_on: addDays(TODAY, -10), note: '每月电话随访' }), 201);
  assert.equal(p.member_name, s.m1.name);
  assert.equal(p.village_code, MINE[0]);
  assert.equal(p.current, true);
  s.p1 = p;
  // The outreach login sees it (its village); the same member again is a 409.
  assert.ok(expectJson(await s.outreach.get(`${BASE}?household=${s.inside}`), 200).items.some((x) => x.id === p.id));
  expectProblem(await s.admin.post(BASE, { member_id: s.m1.id, household_id: s.inside, from_on: TODAY }), 409, 'member_id');
  const noReason = expectProblem(await s.admin.post(BASE, { member_id: s.m2.id, household_id: s.inside, from_on: TODAY }), 409, 'end_reason');
  assert.match(noReason.message, new RegExp(s.m1.name));
  expectProblem(await s.admin.post(BASE, { member_id: s.m2.id, household_id: s.inside, from_on: addDays(TODAY, -20), end_reason: '工作调整' }), 400, 'from_on');
  const p2 = expectJson(await s.admin.post(BASE, { member_id: s.m2.id, household_id: s.inside, from_on: TODAY, end_reason: '工作调整' }), 201);
  const hist = expectJson(await s.admin.get(`${BASE}?household=${s.inside}&state=all&sort=from_on`), 200).items;
  assert.deepEqual(hist.map((x) => [x.member_id, x.from_on, x.to_on, x.end_reason]), [
    [s.m1.id, addDays(TODAY, -10), TODAY, '工作调整'],
    [s.m2.id, TODAY, null, null],
  ]);
  assert.equal(expectJson(await s.admin.get(`${BASE}?household=${s.inside}`), 200).total, 1, 'one current pairing');
  assert.equal(expectJson(await s.admin.get(`${BASE}?member=${s.m2.id}`), 200).items[0].id, p2.id);
  const audit = srv.rows(`SELECT action, record_id FROM audit_log WHERE record_type = 'outreach_pairing' ORDER BY seq`).map((r) => r.join(':'));
  assert.ok(audit.includes(`create:${p.id}`) && audit.includes(`end:${p.id}`) && audit.includes(`create:${p2.id}`), audit.join());
  s.p2 = p2;
});

test('a household outside the caller\'s villages is 404; the admin pairs it', async () => {
  assert.equal(expectJson(await s.outreach.get(`${BASE}?household=${s.outside}&state=all`), 200).total, 0);
  const p = expectJson(await s.admin.post(BASE, { member_id: s.m3.id, household_id: s.outside, from_on: TODAY }), 201);
  assert.ok(!expectJson(await s.outreach.get(`${BASE}?size=100`), 200).items.some((x) => x.id === p.id));
});

test('end: date and reason required, not before it began, not twice; list filters checked', async () => {
  const url = `${BASE}/${s.p2.id}/end`;
  expectProblem(await s.admin.post(url, { reason: '脱贫稳定' }), 400, 'to_on');
  expectProblem(await s.admin.post(url, { to_on: TODAY }), 400, 'reason');
  expectProblem(await s.admin.post(url, { to_on: addDays(TODAY, -1), reason: '脱贫稳定' }), 400, 'to_on');
  expectProblem(await s.admin.post(url, { to_on: TODAY, reason: '因'.repeat(201) }), 400, 'reason');
  const e = expectJson(await s.admin.post(url, { to_on: addDays(TODAY, 1), reason: '脱贫稳定' }), 200);
  assert.equal(e.to_on, addDays(TODAY, 1));
  assert.equal(e.end_reason, '脱贫稳定');
  assert.equal(e.current, true, 'still current until its end day');
  expectProblem(await s.admin.post(url, { to_on: addDays(TODAY, 1), reason: '再结束' }), 409, 'to_on');
  expectProblem(await s.admin.post(`${BASE}/99999999/end`, { to_on: TODAY, reason: 'x' }), 404, 'id');
  expectProblem(await s.admin.get(`${BASE}?state=old`), 400, 'state');
  expectProblem(await s.admin.get(`${BASE}?member=abc`), 400, 'member');
  expectProblem(await s.admin.get(`${BASE}?household=0`), 400, 'household');
  expectProblem(await s.admin.get(`${BASE}?village=5001`), 400, 'village');
  const byName = expectJson(await s.admin.get(`${BASE}?q=${encodeURIComponent(s.m3.name)}`), 200);
  assert.ok(byName.items.some((x) => x.member_id === s.m3.id));
});
