// A member's organisational life (docs/openapi.yaml GET /api/v1/members/{id}/attendance): the
// meetings the member should have attended from the current attendance lines only, came or absent
// with the reason, the rate; a date range; the member's scope (404 outside), tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit, meetingBody } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const DAY = addDays(TODAY, -3);

test('setup: a meeting where the last on the roll was on sick leave', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.waike = findUnit(all, '外科党支部', JB);
  s.dazuBranch = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  s.body = await meetingBody(s.secretary, s.neike.id, DAY, { topic: '出勤测试' });
  s.absentee = s.body.absent[0].member_id;
  s.meeting = expectJson(await s.secretary.post('/api/v1/meetings', s.body), 201);
});

test('attendance: every meeting the member should have attended, came or absent, and the rate', async () => {
  const a = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance`), 200);
  assert.equal(a.member_id, s.absentee);
  assert.equal(a.total, a.items.length);
  assert.equal(a.should, a.total);
  assert.equal(a.came, a.items.filter((m) => m.came).length);
  assert.equal(a.absent, a.should - a.came);
  assert.equal(a.rate, Math.floor((a.came * 2000 + a.should) / (2 * a.should)));
  assert.equal(a.rate_text, `${Math.floor(a.rate / 10)}.${a.rate % 10}%`);
  const dates = a.items.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const mine = a.items.find((m) => m.meeting_id === s.meeting.id);
  assert.deepEqual({ ...mine, start_time: undefined }, {
    meeting_id: s.meeting.id, date: DAY, start_time: undefined, unit_name: '内科党支部', type: 'branch_assembly',
    type_title: '支部党员大会', topic: '出勤测试', came: false, absence_reason: '病假', absence_note: null,
  });
  // The lines match the database's current lines, one per meeting.
  const n = Number(srv.sql(`SELECT count(*) FROM meeting_attendance a JOIN meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
    WHERE a.member_id = ${s.absentee} AND a.superseded_at IS NULL AND m.state = 'active'`));
  assert.equal(a.total, n);
});

test('attendance: an edited list supersedes the old lines; a cancelled meeting no longer counts', async () => {
  const before = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance`), 200);
  const { absent: _a, ...rest } = s.body;
  const { unit_id: _u, ...fields } = rest;
  const changed = expectJson(await s.secretary.put(`/api/v1/meetings/${s.meeting.id}`,
    { ...fields, came: [...s.body.came, s.absentee], absent: [], version: s.meeting.version }), 200);
  const after = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance`), 200);
  assert.equal(after.total, before.total, 'still one line for the meeting');
  assert.equal(after.came, before.came + 1);
  assert.equal(after.items.find((m) => m.meeting_id === s.meeting.id).came, true);
  expectJson(await s.secretary.post(`/api/v1/meetings/${s.meeting.id}/cancel`, { reason: '测试取消', version: changed.version }), 200);
  const cancelled = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance`), 200);
  assert.equal(cancelled.total, before.total - 1);
  assert.ok(!cancelled.items.some((m) => m.meeting_id === s.meeting.id));
});

test('attendance: from and to bound the dates; bad values are named', async () => {
  const all = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance`), 200);
  const first = all.items.at(-1).date;
  const one = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance?from=${first}&to=${first}`), 200);
  assert.ok(one.total >= 1);
  assert.ok(one.items.every((m) => m.date === first));
  assert.equal(one.from, first);
  const none = expectJson(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance?from=${addDays(TODAY, 1)}`), 200);
  assert.equal(none.total, 0);
  assert.equal(none.rate, null);
  assert.equal(none.rate_text, '—');
  expectProblem(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance?from=2026-02-30`), 400, 'from');
  expectProblem(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance?to=x`), 400, 'to');
  expectProblem(await s.secretary.get(`/api/v1/members/${s.absentee}/attendance?from=${TODAY}&to=${addDays(TODAY, -1)}`), 400, 'to');
});

test('scope: a member outside the branch or hospital is not there; roles without the permission', async () => {
  const other = expectJson(await s.auditor.get(`/api/v1/members?org=${s.waike.id}&size=1`), 200).items[0];
  expectProblem(await s.secretary.get(`/api/v1/members/${other.id}/attendance`), 404, 'id');
  expectJson(await s.auditor.get(`/api/v1/members/${other.id}/attendance`), 200);
  expectProblem(await s.admin.get(`/api/v1/members/${s.absentee}/attendance`), 404, 'id');
  const dazu = expectJson(await s.admin.get(`/api/v1/members?org=${s.dazuBranch.id}&size=1`), 200).items[0];
  expectJson(await s.admin.get(`/api/v1/members/${dazu.id}/attendance`), 200);
  expectProblem(await s.secretary.get(`/api/v1/members/${dazu.id}/attendance`), 404, 'id');
  expectProblem(await s.secretary.get('/api/v1/members/99999999/attendance'), 404, 'id');
  assert.equal((await s.member.get(`/api/v1/members/${s.absentee}/attendance`)).status, 403);
});
