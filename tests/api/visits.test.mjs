// Home visits (docs/health-api.md): recording with every validation error named in Chinese,
// idempotent by client_id (the same visit sent twice is stored once; another body under the same
// id is 409), conflict-aware by household_version (409 with the current household and members),
// voiding, the photo, service plan items, visit plans, the offline bundle; the `outreach` login
// limited to its team's villages, member/secretary refused, another hospital's records 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { DONGLIN, MINGYUE, YONGHE, OUTREACH_VILLAGES, TOWN, uuid, form, visitBody, allHouseholds } from './lib/visits.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const OTHER_PASSWORD = 'Jiangbei#Office2026';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR....')]);

test('setup', async () => {
  for (const u of ['admin', 'outreach', 'leader', 'member', 'secretary', 'auditor', 'audadmin']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  // A party office of 江北 (tenant 3): holds every health permission, in another hospital.
  const r = srv.qizhi(['user', 'add', 'jb.office', '--name', '江北党办', '--tenant', '3', '--role', 'admin'], { QIZHI_PASSWORD: OTHER_PASSWORD });
  assert.equal(r.status, 0, `user add: ${r.output}`);
  s.benchadmin = await loginAs(srv.url, 'jb.office', OTHER_PASSWORD);
  const hs = await allHouseholds(s.admin, '');
  assert.equal(hs.length, 91, 'the demo registers 91 households');
  s.donglin = hs.filter((h) => h.village_code === DONGLIN);
  s.yonghe = hs.filter((h) => h.village_code === YONGHE);
  assert.ok(s.donglin.length >= 3 && s.yonghe.length >= 1);
});

test('record: a visit is stored with its lines and staff, audited', async () => {
  const f = await form(s.outreach, s.donglin[0].id);
  assert.ok(f.persons.length >= 1);
  assert.ok(f.persons.every((p) => p.id_number.includes('*')), 'ID numbers masked on the form');
  assert.equal(f.team.name, '第一帮扶队');
  const me = f.team_members.find((m) => m.is_me);
  assert.ok(me, 'the outreach login is a member of the team');
  const body = visitBody(f, TODAY, { staff: [me.id], actions: ['送药上门', '明码对账讲解'] });
  body.persons[0] = { person_id: f.persons[0].id, seen: true, systolic: 142, diastolic: 88, glucose: 71 };
  const v = expectJson(await s.outreach.post('/api/v1/visits', body), 201);
  assert.equal(v.household_id, f.household.id);
  assert.equal(v.village_code, DONGLIN);
  assert.equal(v.visited_on, TODAY);
  assert.equal(v.client_id, body.client_id);
  assert.equal(v.team_name, '第一帮扶队');
  assert.deepEqual(v.actions, ['送药上门', '明码对账讲解']);
  assert.equal(v.lines.length, f.persons.length);
  assert.equal(v.lines[0].systolic, 142);
  assert.equal(v.lines[0].glucose, 71);
  assert.deepEqual(v.staff.map((x) => x.team_member_id), [me.id]);
  assert.equal(v.state, 'active');
  const one = expectJson(await s.leader.get(`/api/v1/visits/${v.id}`), 200);
  assert.equal(one.id, v.id);
  const audit = expectJson(await s.audadmin.get(`/api/v1/audit?record_type=visit&record_id=${v.id}`), 200);
  assert.ok(audit.items.some((e) => e.action === 'create'), 'the visit is audited');
  s.visit = v;
  s.visitBody = body;
});

test('idempotent: the same visit sent twice is stored once; another body under its id is 409', async () => {
  const before = expectJson(await s.admin.get(`/api/v1/visits?household=${s.visit.household_id}&state=all`), 200).total;
  const again = expectJson(await s.outreach.post('/api/v1/visits', s.visitBody), 200);
  assert.equal(again.id, s.visit.id);
  const third = expectJson(await s.outreach.post('/api/v1/visits', s.visitBody), 200);
  assert.equal(third.id, s.visit.id);
  const after = expectJson(await s.admin.get(`/api/v1/visits?household=${s.visit.household_id}&state=all`), 200).total;
  assert.equal(after, before, 'nothing written twice');
  expectProblem(await s.outreach.post('/api/v1/visits', { ...s.visitBody, findings: '另一次走访' }), 409, 'client_id');
});

test('conflict: a household changed since the device read it is 409 with the current household and members', async () => {
  const f = await form(s.admin, s.donglin[1].id);
  const stale = visitBody(f, TODAY, { household_version: f.household.version - 1 });
  const p = expectProblem(await s.outreach.post('/api/v1/visits', stale), 409, 'household_version');
  const res = await s.outreach.post('/api/v1/visits', stale);
  assert.equal(res.body.household.id, f.household.id);
  assert.equal(res.body.household.version, f.household.version);
  assert.deepEqual(res.body.persons.map((x) => x.id), f.persons.map((x) => x.id));
  assert.ok(p.message.length > 0);
  const n = expectJson(await s.admin.get(`/api/v1/visits?household=${f.household.id}&from=${TODAY}`), 200).total;
  assert.equal(n, 0, 'nothing stored');
});

test('validation: each error names its field in Chinese', async () => {
  const f = await form(s.admin, s.donglin[2].id);
  const post = (b) => s.admin.post('/api/v1/visits', b);
  const ok = () => visitBody(f, TODAY);
  expectProblem(await post({ ...ok(), client_id: undefined }), 400, 'client_id');
  expectProblem(await post({ ...ok(), client_id: 'not-a-uuid' }), 400, 'client_id');
  expectProblem(await post({ ...ok(), household_version: undefined }), 400, 'household_version');
  expectProblem(await post({ ...ok(), visited_on: addDays(TODAY, 1) }), 400, 'visited_on');
  expectProblem(await post({ ...ok(), visited_on: '2026/11/01' }), 400, 'visited_on');
  expectProblem(await post({ ...ok(), actions: ['打扫卫生'] }), 400, 'actions');
  expectProblem(await post({ ...ok(), findings: '病'.repeat(501) }), 400, 'findings');
  expectProblem(await post({ ...ok(), persons: ok().persons.slice(1) }), 400, 'persons');
  const other = await form(s.admin, s.yonghe[0].id);
  expectProblem(await post({ ...ok(), persons: [...ok().persons, { person_id: other.persons[0].id, seen: true }] }), 400, `persons[${f.persons.length}].person_id`);
  const line = (x) => ({ ...ok(), persons: [{ ...ok().persons[0], ...x }, ...ok().persons.slice(1)] });
  expectProblem(await post(line({ seen: false })), 400, 'persons[0].reason');
  expectProblem(await post(line({ seen: false, reason: '不在家' })), 400, 'persons[0].reason');
  expectProblem(await post(line({ seen: false, reason: '其他' })), 400, 'persons[0].note');
  expectProblem(await post(line({ seen: undefined })), 400, 'persons[0].seen');
  expectProblem(await post(line({ systolic: 300, diastolic: 90 })), 400, 'persons[0].systolic');
  expectProblem(await post(line({ systolic: 120, diastolic: 20 })), 400, 'persons[0].diastolic');
  expectProblem(await post(line({ systolic: 120 })), 400, 'persons[0].diastolic');
  expectProblem(await post(line({ glucose: 400 })), 400, 'persons[0].glucose');
  expectProblem(await post(line({ seen: false, reason: '住院', glucose: 60 })), 400, 'persons[0].seen');
  expectProblem(await post({ ...ok(), staff: [999999] }), 400, 'staff');
  expectProblem(await post({ ...ok(), household_id: 99999999 }), 404, 'household_id');
  // Several at once.
  const res = await post({ ...ok(), client_id: 'x', visited_on: 'x', actions: ['x'] });
  expectProblem(res, 400);
  assert.deepEqual(['client_id', 'visited_on', 'actions'].filter((k) => res.body.errors.some((e) => e.field === k)), ['client_id', 'visited_on', 'actions']);
  const n = expectJson(await s.admin.get(`/api/v1/visits?household=${f.household.id}&from=${TODAY}`), 200).total;
  assert.equal(n, 0, 'no invalid visit stored');
  // A person not seen with a listed reason is fine.
  const good = line({ seen: false, reason: '外出务工' });
  const v = expectJson(await post(good), 201);
  assert.equal(v.lines[0].seen, false);
  assert.equal(v.lines[0].reason, '外出务工');
  s.reasonVisit = v;
});

test('scope: the outreach login records and sees only 东林村, 明月村 and 麻杨村', async () => {
  const f = await form(s.admin, s.yonghe[0].id);
  expectProblem(await s.outreach.post('/api/v1/visits', visitBody(f, TODAY)), 403, 'household_id');
  expectProblem(await s.outreach.get(`/api/v1/visits/form/${s.yonghe[0].id}`), 404);
  const list = expectJson(await s.outreach.get('/api/v1/visits?size=200'), 200);
  assert.ok(list.total > 0);
  assert.ok(list.items.every((v) => OUTREACH_VILLAGES.includes(v.village_code)), 'only its villages in the list');
  expectProblem(await s.outreach.get(`/api/v1/visits?village=${YONGHE}`), 404, 'village');
  const theirs = expectJson(await s.admin.get(`/api/v1/visits?village=${YONGHE}&size=1`), 200).items[0];
  expectProblem(await s.outreach.get(`/api/v1/visits/${theirs.id}`), 404);
  const b = expectJson(await s.outreach.get('/api/v1/visits/offline-bundle'), 200);
  assert.deepEqual(b.villages.map((v) => v.code), OUTREACH_VILLAGES);
  assert.ok(b.households.every((h) => OUTREACH_VILLAGES.includes(h.village_code)));
  assert.equal(b.households.length, b.household_count);
  assert.equal(b.households.reduce((n, h) => n + h.persons.length, 0), b.person_count);
  assert.ok(b.households.every((h) => Number.isInteger(h.version)));
  assert.ok(b.households.flatMap((h) => h.persons).every((p) => p.id_number.includes('*')), 'masked in the bundle');
  assert.ok(b.team_members.some((m) => m.is_me && m.name === '周永红'));
  const all = expectJson(await s.admin.get('/api/v1/visits/offline-bundle'), 200);
  assert.equal(all.household_count, 91);
});

test('roles: member and secretary are refused (403); the leader reads but may not record', async () => {
  for (const c of [s.member, s.secretary]) {
    expectProblem(await c.get('/api/v1/visits'), 403);
    expectProblem(await c.get('/api/v1/coverage'), 403);
    expectProblem(await c.post('/api/v1/visits', s.visitBody), 403);
  }
  expectJson(await s.leader.get('/api/v1/visits'), 200);
  expectProblem(await s.leader.post('/api/v1/visits', { ...s.visitBody, client_id: uuid() }), 403);
});

test('tenant isolation: another hospital\'s visit and household are 404', async () => {
  expectProblem(await s.benchadmin.get(`/api/v1/visits/${s.visit.id}`), 404);
  expectProblem(await s.benchadmin.get(`/api/v1/visits/form/${s.visit.household_id}`), 404);
  const f = await form(s.admin, s.donglin[0].id);
  expectProblem(await s.benchadmin.post('/api/v1/visits', visitBody(f, TODAY)), 404, 'household_id');
  expectProblem(await s.benchadmin.post(`/api/v1/visits/${s.visit.id}/void`, { reason: '误录', version: 1 }), 404);
  expectProblem(await s.benchadmin.get(`/api/v1/service-items?household=${s.visit.household_id}`), 404);
  assert.equal(expectJson(await s.benchadmin.get('/api/v1/visits'), 200).total, 0);
});

test('photo: jpeg/png by their bytes, ≤ 5 MB, downloaded as stored', async () => {
  const up = (bytes) => s.outreach.request('POST', `/api/v1/visits/${s.visit.id}/photo`, undefined, { rawBody: bytes, headers: { 'content-type': 'application/octet-stream' } });
  const p = expectJson(await up(PNG), 201);
  assert.equal(p.kind, 'png');
  expectProblem(await up(Buffer.from('%PDF-1.4 ...')), 400, 'photo');
  const big = Buffer.alloc(5 * 1024 * 1024 + 1);
  big[0] = 0xff; big[1] = 0xd8; big[2] = 0xff;
  expectProblem(await up(big), 400, 'photo');
  const res = await fetch(srv.url + p.url, { headers: { cookie: s.outreach.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
  assert.equal(expectJson(await s.admin.get(`/api/v1/visits/${s.visit.id}`), 200).has_photo, true);
});

test('void: with a reason and the version; a void visit no longer counts', async () => {
  const v = s.reasonVisit;
  expectProblem(await s.admin.post(`/api/v1/visits/${v.id}/void`, { version: v.version }), 400, 'reason');
  expectProblem(await s.admin.post(`/api/v1/visits/${v.id}/void`, { reason: '误录' }), 400, 'version');
  expectProblem(await s.admin.post(`/api/v1/visits/${v.id}/void`, { reason: '误录', version: v.version + 5 }), 409, 'version');
  const done = expectJson(await s.admin.post(`/api/v1/visits/${v.id}/void`, { reason: '录错了户', version: v.version }), 200);
  assert.equal(done.state, 'void');
  assert.equal(done.void_reason, '录错了户');
  expectProblem(await s.admin.post(`/api/v1/visits/${v.id}/void`, { reason: '再次', version: done.version }), 409);
  const list = expectJson(await s.admin.get(`/api/v1/visits?household=${v.household_id}&from=${TODAY}`), 200);
  assert.ok(!list.items.some((x) => x.id === v.id), 'gone from the active list');
  const voided = expectJson(await s.admin.get(`/api/v1/visits?household=${v.household_id}&state=void`), 200);
  assert.ok(voided.items.some((x) => x.id === v.id), 'kept, listed as void');
});

test('service items: add, status forward only with the version, history kept', async () => {
  const h = s.donglin[0].id;
  expectProblem(await s.outreach.post('/api/v1/service-items', { household_id: h, item: '', owner: '' }), 400, 'item');
  expectProblem(await s.outreach.post('/api/v1/service-items', { household_id: h, item: '随访', owner: '' }), 400, 'owner');
  expectProblem(await s.outreach.post('/api/v1/service-items', { household_id: h, item: '随访', owner: '周永红', due_on: '2026-13-01' }), 400, 'due_on');
  expectProblem(await s.outreach.post('/api/v1/service-items', { household_id: s.yonghe[0].id, item: '随访', owner: '周永红' }), 403, 'household_id');
  const item = expectJson(await s.outreach.post('/api/v1/service-items', { household_id: h, item: '高血压季度随访', owner: '周永红', due_on: addDays(TODAY, 30) }), 201);
  assert.equal(item.status, '未开始');
  expectProblem(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '进行中', version: item.version + 1 }), 409, 'version');
  expectProblem(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '完成', version: item.version }), 400, 'status');
  const going = expectJson(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '进行中', version: item.version, visit_id: s.visit.id }), 200);
  expectProblem(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '未开始', version: going.version }), 400, 'status');
  const done = expectJson(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '已完成', version: going.version, note: '已按时随访' }), 200);
  expectProblem(await s.outreach.post(`/api/v1/service-items/${item.id}/status`, { status: '取消', version: done.version }), 409, 'status');
  const hist = expectJson(await s.outreach.get(`/api/v1/service-items/${item.id}/history`), 200);
  assert.deepEqual(hist.items.map((c) => c.to_status), ['未开始', '进行中', '已完成']);
  assert.equal(hist.items[1].visit_id, s.visit.id);
  const list = expectJson(await s.outreach.get(`/api/v1/service-items?household=${h}`), 200);
  assert.ok(list.items.some((x) => x.id === item.id && x.status === '已完成'));
  expectProblem(await s.outreach.get('/api/v1/service-items'), 400, 'household');
});

test('visit plans: create for villages in scope, list, cancel with a reason; coverage of a plan', async () => {
  const month = TODAY.slice(0, 7);
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'month', period: month, villages: [YONGHE] }), 403, 'villages');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'month', period: '2026-13', villages: [DONGLIN] }), 400, 'period');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'week', villages: [DONGLIN] }), 400, 'kind');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'month', period: month, villages: [] }), 400, 'villages');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'month', period: month, villages: ['500111103299'] }), 400, 'villages');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'campaign', from: TODAY, to: addDays(TODAY, -1), villages: [DONGLIN] }), 400, 'to');
  expectProblem(await s.outreach.post('/api/v1/visit-plans', { kind: 'campaign', from: TODAY, to: TODAY, villages: [DONGLIN] }), 400, 'name');
  const p = expectJson(await s.outreach.post('/api/v1/visit-plans', { kind: 'month', period: month, villages: [DONGLIN, MINGYUE] }), 201);
  assert.deepEqual(p.villages, [DONGLIN, MINGYUE]);
  assert.equal(p.starts_on, `${month}-01`);
  const cov = expectJson(await s.outreach.get(`/api/v1/coverage?period=plan:${p.id}`), 200);
  assert.deepEqual(cov.villages.map((v) => v.code), [DONGLIN, MINGYUE]);
  const list = expectJson(await s.outreach.get('/api/v1/visit-plans'), 200);
  assert.ok(list.items.some((x) => x.id === p.id));
  expectProblem(await s.outreach.post(`/api/v1/visit-plans/${p.id}/cancel`, { version: p.version }), 400, 'reason');
  const c = expectJson(await s.outreach.post(`/api/v1/visit-plans/${p.id}/cancel`, { reason: '合并到季度计划', version: p.version }), 200);
  assert.equal(c.state, 'cancelled');
  expectProblem(await s.outreach.get(`/api/v1/coverage?period=plan:${p.id}`), 400, 'period');
  const theirs = expectJson(await s.admin.post('/api/v1/visit-plans', { kind: 'quarter', period: `${TODAY.slice(0, 4)}-Q1`, villages: [YONGHE] }), 201);
  expectProblem(await s.outreach.get(`/api/v1/visit-plans/${theirs.id}`), 404);
  expectProblem(await s.benchadmin.get(`/api/v1/visit-plans/${theirs.id}`), 404);
  assert.ok(TOWN.length === 9);
});
