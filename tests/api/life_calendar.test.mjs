// The 组织生活日历 (docs/openapi.yaml GET /api/v1/life/calendar): the meetings held in a range and
// what is still owed this period on its fixed day or due-by day — the same items as the due list;
// the range's validation; a branch secretary sees the branch; tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit, meetingBody } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
// The month view around today: from the first of last month to the end of next month's first week.
const FROM = `${addDays(`${TODAY.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
const TO = addDays(FROM, 92);

test('setup', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.waike = findUnit(all, '外科党支部', JB);
  s.dazuBranch = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  s.meeting = expectJson(await s.secretary.post('/api/v1/meetings', await meetingBody(s.secretary, s.neike.id, TODAY, { topic: '日历测试' })), 201);
});

test('calendar: the secretary\'s branch — its meetings in the range, as the meeting list has them', async () => {
  const c = expectJson(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}`), 200);
  assert.equal(c.from, FROM);
  assert.equal(c.to, TO);
  assert.equal(c.today, TODAY);
  const list = expectJson(await s.secretary.get(`/api/v1/meetings?from=${FROM}&to=${TO}&size=200`), 200);
  assert.equal(c.meetings_total, list.total);
  assert.deepEqual(c.meetings.map((m) => m.id).sort((a, b) => a - b), list.items.map((m) => m.id).sort((a, b) => a - b));
  assert.ok(c.meetings.every((m) => m.date >= FROM && m.date <= TO));
  const dates = c.meetings.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort());
  const mine = c.meetings.find((m) => m.id === s.meeting.id);
  assert.equal(mine.date, TODAY);
  assert.equal(mine.type_title, '支部党员大会');
  assert.equal(mine.topic, '日历测试');
  assert.ok(c.meetings.every((m) => m.unit_name !== '外科党支部'));
});

test('calendar: what is owed, on its fixed day or due-by day — exactly the due list within the range', async () => {
  for (const [c, query] of [[s.secretary, ''], [s.admin, ''], [s.auditor, `&org=${s.neike.id}`]]) {
    const cal = expectJson(await c.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}${query}`), 200);
    const due = expectJson(await c.get(`/api/v1/life/due?${query.slice(1)}`), 200);
    const want = [];
    for (const u of due.items) {
      for (const o of u.owed) {
        const day = o.fixed_on ?? o.period_end;
        if (day >= FROM && day <= TO) want.push(`${day} ${u.unit_id} ${o.message}`);
      }
    }
    assert.deepEqual(cal.due.map((d) => `${d.date} ${d.unit_id} ${d.message}`).sort(), want.sort());
    for (const d of cal.due) {
      assert.equal(d.date, d.fixed_on ?? d.due_by);
      assert.ok(d.held < d.required);
    }
  }
});

test('validation: from, to and the 93-day limit; org', async () => {
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?to=${TO}`), 400, 'from');
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}`), 400, 'to');
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=2026-02-30&to=2026-03-01`), 400, 'from');
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${addDays(FROM, -1)}`), 400, 'to');
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${addDays(FROM, 93)}`), 400, 'to', '日历一次最多查询 93 天');
  expectJson(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${addDays(FROM, 92)}`), 200);
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}&org=x`), 400, 'org');
  const both = await s.secretary.get('/api/v1/life/calendar');
  assert.equal(both.status, 400);
  assert.deepEqual(both.body.errors.map((e) => e.field).sort(), ['from', 'to']);
});

test('scope: the secretary is refused outside the branch; tenants are isolated; roles without the permission', async () => {
  expectProblem(await s.secretary.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}&org=${s.waike.id}`), 404, 'org');
  expectProblem(await s.admin.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}&org=${s.neike.id}`), 404, 'org');
  const dazu = expectJson(await s.admin.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}`), 200);
  assert.ok(!dazu.meetings.some((m) => m.id === s.meeting.id));
  assert.ok(dazu.meetings.length > 0, 'the demo hospital has meetings this season');
  const waike = expectJson(await s.auditor.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}&org=${s.waike.id}`), 200);
  assert.ok(waike.meetings.every((m) => m.unit_name !== '内科党支部'));
  assert.equal((await s.member.get(`/api/v1/life/calendar?from=${FROM}&to=${TO}`)).status, 403);
});
