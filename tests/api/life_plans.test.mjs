// Meeting plans (docs/openapi.yaml, /api/v1/life/plans): a meeting put on the calendar before it
// is held (party/life/plan.hpp) — planning with each validation error, rescheduling with the
// version check, the calendar showing plans, holding a plan by recording its meeting (plan_id),
// the plan reopened when that meeting is cancelled, cancelling a plan, plans counting for nothing
// in the meeting list, and who may do what (roles, scope, tenant isolation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit, meetingBody } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const LATER = addDays(TODAY, 10);

const planBody = (unit_id, over = {}) => ({
  unit_id, type: 'branch_assembly', date: LATER, start_time: '14:30', place: '内科示教室',
  topic: '讨论年度民主评议党员工作安排', presenter: '陈建国', note: '请各党小组提前收集意见', ...over,
});
const auditRows = (id, action) =>
  srv.rows(`SELECT action FROM audit_log WHERE record_type = 'meeting_plan' AND record_id = '${id}' AND action = '${action}' AND result = 'ok'`);

test('setup: sessions and units of the demo', async () => {
  for (const u of ['admin', 'secretary', 'auditor', 'leader', 'member']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.waike = findUnit(all, '外科党支部', JB);
  s.dazuBranch = findUnit(all, '玉龙镇卫生院党支部', DAZU);
});

test('plan: a 支部党员大会 next week, planned and audited; the meeting list does not count it', async () => {
  const meetingsBefore = expectJson(await s.secretary.get(`/api/v1/meetings?org=${s.neike.id}&size=1`), 200).total;
  const p = expectJson(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id)), 201);
  assert.equal(p.unit_id, s.neike.id);
  assert.equal(p.unit_name, '内科党支部');
  assert.equal(p.type_title, '支部党员大会');
  assert.equal(p.date, LATER);
  assert.equal(p.state, 'planned');
  assert.equal(p.state_title, '计划中');
  assert.equal(p.overdue, false);
  assert.equal(p.meeting_id, null);
  assert.equal(p.version, 1);
  s.plan = p;
  assert.equal(auditRows(p.id, 'create').length, 1);
  assert.equal(expectJson(await s.secretary.get(`/api/v1/meetings?org=${s.neike.id}&size=1`), 200).total, meetingsBefore);
  const again = expectJson(await s.secretary.get(`/api/v1/life/plans/${p.id}`), 200);
  assert.deepEqual(again, p);
});

test('plan: each field refused by name, nothing written', async () => {
  const count = () => Number(srv.sql('SELECT COUNT(*) FROM meeting_plans'));
  const before = count();
  assert.ok(before >= 1, 'the demo and the plan above are counted');
  const empty = expectProblem(await s.secretary.post('/api/v1/life/plans', {}), 400);
  assert.deepEqual(empty.errors.map((e) => e.field).sort(), ['date', 'place', 'start_time', 'topic', 'type', 'unit_id']);
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { date: addDays(TODAY, -1) })), 400, 'date');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { date: '2026-02-30' })), 400, 'date');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { type: 'picnic' })), 400, 'type');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { start_time: '25:00' })), 400, 'start_time');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { topic: '　' })), 400, 'topic');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { presenter: '主'.repeat(21) })), 400, 'presenter');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { note: '备'.repeat(501) })), 400, 'note');
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { place: 5 })), 400, 'place');
  // Another branch of the same hospital: outside the secretary's scope.
  expectProblem(await s.secretary.post('/api/v1/life/plans', planBody(s.waike.id)), 403, 'unit_id');
  assert.equal(count(), before);
});

test('list and calendar: the plan in its range, filtered by state and org; bad filters named', async () => {
  const list = expectJson(await s.secretary.get(`/api/v1/life/plans?org=${s.neike.id}&state=planned`), 200);
  assert.ok(list.items.some((x) => x.id === s.plan.id));
  assert.equal(list.total, list.items.length);
  const held = expectJson(await s.secretary.get(`/api/v1/life/plans?org=${s.neike.id}&state=held`), 200);
  assert.ok(!held.items.some((x) => x.id === s.plan.id));
  const cal = expectJson(await s.secretary.get(`/api/v1/life/calendar?from=${TODAY}&to=${addDays(TODAY, 30)}`), 200);
  const onCal = cal.plans.find((x) => x.id === s.plan.id);
  assert.ok(onCal, 'the plan is on the calendar');
  assert.equal(onCal.date, LATER);
  assert.equal(onCal.overdue, false);
  const outside = expectJson(await s.secretary.get(`/api/v1/life/calendar?from=${addDays(LATER, 1)}&to=${addDays(LATER, 20)}`), 200);
  assert.ok(!outside.plans.some((x) => x.id === s.plan.id));
  expectProblem(await s.secretary.get('/api/v1/life/plans?state=done'), 400, 'state');
  expectProblem(await s.secretary.get('/api/v1/life/plans?from=2026-13-01'), 400, 'from');
  expectProblem(await s.secretary.get(`/api/v1/life/plans?from=${LATER}&to=${TODAY}`), 400, 'to');
  expectProblem(await s.secretary.get('/api/v1/life/plans?type=picnic'), 400, 'type');
  expectProblem(await s.secretary.get(`/api/v1/life/plans?org=${s.waike.id}`), 404, 'org');
});

test('reschedule: new day and topic with the version; stale version and another unit refused', async () => {
  const moved = expectJson(await s.secretary.put(`/api/v1/life/plans/${s.plan.id}`,
    { ...planBody(s.neike.id, { date: addDays(LATER, 2), topic: '改期：民主评议党员工作安排' }), version: s.plan.version }), 200);
  assert.equal(moved.date, addDays(LATER, 2));
  assert.equal(moved.topic, '改期：民主评议党员工作安排');
  assert.equal(moved.version, s.plan.version + 1);
  expectProblem(await s.secretary.put(`/api/v1/life/plans/${s.plan.id}`, { ...planBody(s.neike.id), version: s.plan.version }), 409, 'version');
  expectProblem(await s.secretary.put(`/api/v1/life/plans/${s.plan.id}`, { ...planBody(s.neike.id), version: moved.version, unit_id: s.waike.id }), 400, 'unit_id');
  expectProblem(await s.secretary.put(`/api/v1/life/plans/${s.plan.id}`, { ...planBody(s.neike.id) }), 400, 'version');
  const rows = srv.rows(`SELECT before_json FROM audit_log WHERE record_type = 'meeting_plan' AND record_id = '${s.plan.id}' AND action = 'update' AND result = 'ok'`);
  assert.equal(rows.length, 1);
  assert.equal(JSON.parse(rows[0][0]).date, LATER, 'the earlier day is kept in the audit trail');
  s.plan = moved;
});

test('hold: recording the meeting with plan_id marks the plan held; a second time is a conflict', async () => {
  const body = await meetingBody(s.secretary, s.neike.id, TODAY);
  expectProblem(await s.secretary.post('/api/v1/meetings', { ...body, type: 'theme_day', plan_id: s.plan.id }), 400, 'plan_id');
  expectProblem(await s.secretary.post('/api/v1/meetings', { ...body, plan_id: 'x' }), 400, 'plan_id');
  expectProblem(await s.secretary.post('/api/v1/meetings', { ...body, plan_id: 99999999 }), 400, 'plan_id');
  const m = expectJson(await s.secretary.post('/api/v1/meetings', { ...body, plan_id: s.plan.id }), 201);
  const p = expectJson(await s.secretary.get(`/api/v1/life/plans/${s.plan.id}`), 200);
  assert.equal(p.state, 'held');
  assert.equal(p.state_title, '已召开');
  assert.equal(p.meeting_id, m.id);
  expectProblem(await s.secretary.post('/api/v1/meetings', { ...body, plan_id: s.plan.id }), 409, 'plan_id');
  expectProblem(await s.secretary.put(`/api/v1/life/plans/${s.plan.id}`, { ...planBody(s.neike.id), version: p.version }), 409, 'id');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, version: m.version, plan_id: s.plan.id }), 400, 'plan_id');
  const cal = expectJson(await s.secretary.get(`/api/v1/life/calendar?from=${TODAY}&to=${addDays(TODAY, 30)}`), 200);
  assert.ok(!cal.plans.some((x) => x.id === s.plan.id), 'a held plan shows as its meeting, not as a plan');
  assert.ok(cal.meetings.some((x) => x.id === m.id));
  s.heldMeeting = m;
});

test('a meeting recorded from a plan by mistake and cancelled: the plan is owed again', async () => {
  expectJson(await s.secretary.post(`/api/v1/meetings/${s.heldMeeting.id}/cancel`, { reason: '误登记', version: s.heldMeeting.version }), 200);
  const p = expectJson(await s.secretary.get(`/api/v1/life/plans/${s.plan.id}`), 200);
  assert.equal(p.state, 'planned');
  assert.equal(p.meeting_id, null);
  s.plan = p;
});

test('cancel: a reason is required; a cancelled plan cannot be held or changed', async () => {
  expectProblem(await s.secretary.post(`/api/v1/life/plans/${s.plan.id}/cancel`, { version: s.plan.version }), 400, 'reason');
  expectProblem(await s.secretary.post(`/api/v1/life/plans/${s.plan.id}/cancel`, { reason: '原'.repeat(201), version: s.plan.version }), 400, 'reason');
  expectProblem(await s.secretary.post(`/api/v1/life/plans/${s.plan.id}/cancel`, { reason: '改为线上' }), 400, 'version');
  const c = expectJson(await s.secretary.post(`/api/v1/life/plans/${s.plan.id}/cancel`, { reason: '与院周会冲突，另行安排', version: s.plan.version }), 200);
  assert.equal(c.state, 'cancelled');
  assert.equal(c.state_title, '已取消');
  assert.equal(c.cancel_reason, '与院周会冲突，另行安排');
  assert.equal(auditRows(s.plan.id, 'cancel').length, 1);
  const body = await meetingBody(s.secretary, s.neike.id, TODAY);
  expectProblem(await s.secretary.post('/api/v1/meetings', { ...body, plan_id: s.plan.id }), 409, 'plan_id');
  expectProblem(await s.secretary.post(`/api/v1/life/plans/${s.plan.id}/cancel`, { reason: '再取消', version: c.version }), 409, 'id');
  const list = expectJson(await s.secretary.get(`/api/v1/life/plans?org=${s.neike.id}&state=cancelled`), 200);
  assert.ok(list.items.some((x) => x.id === s.plan.id), 'nothing is deleted');
});

test('roles: member refused; leader and auditor read but may not plan', async () => {
  const p = expectJson(await s.secretary.post('/api/v1/life/plans', planBody(s.neike.id, { topic: '权限测试' })), 201);
  expectProblem(await s.member.get('/api/v1/life/plans'), 403);
  expectProblem(await s.member.get(`/api/v1/life/plans/${p.id}`), 403);
  for (const who of ['leader', 'auditor']) {
    expectProblem(await s[who].post('/api/v1/life/plans', planBody(s.neike.id)), 403);
    expectProblem(await s[who].put(`/api/v1/life/plans/${p.id}`, { ...planBody(s.neike.id), version: p.version }), 403);
    expectProblem(await s[who].post(`/api/v1/life/plans/${p.id}/cancel`, { reason: 'x', version: p.version }), 403);
  }
  const seen = expectJson(await s.auditor.get(`/api/v1/life/plans/${p.id}`), 200);
  assert.equal(seen.id, p.id);
  s.other = p;
});

test('tenants: 大足\'s admin neither sees nor changes nor holds 江北\'s plan', async () => {
  expectProblem(await s.admin.get(`/api/v1/life/plans/${s.other.id}`), 404);
  const list = expectJson(await s.admin.get('/api/v1/life/plans?size=100'), 200);
  assert.ok(!list.items.some((x) => x.id === s.other.id));
  expectProblem(await s.admin.put(`/api/v1/life/plans/${s.other.id}`, { ...planBody(s.dazuBranch.id), version: s.other.version }), 404);
  expectProblem(await s.admin.post(`/api/v1/life/plans/${s.other.id}/cancel`, { reason: '越权', version: s.other.version }), 404);
  const body = await meetingBody(s.admin, s.dazuBranch.id, TODAY);
  expectProblem(await s.admin.post('/api/v1/meetings', { ...body, plan_id: s.other.id }), 400, 'plan_id');
  const still = expectJson(await s.secretary.get(`/api/v1/life/plans/${s.other.id}`), 200);
  assert.equal(still.state, 'planned');
  assert.equal(still.version, s.other.version);
});
