// Organisational life (docs/openapi.yaml, tag life): the meeting list and its filters, one meeting
// with attendance and quorum, recording with the rules of party/life/rules.hpp (ValidateMeeting,
// ValidateAttendance), editing with history, cancelling, the should-attend roll, and who may do
// what (branch secretary scope, tenant isolation, roles without the permission).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const JB = '重庆市红十字会医院（江北区人民医院）';
const DAZU = '大足区人民医院';
const TODAY = todayShanghai();
const enc = encodeURIComponent;

// The last ended calendar quarter: [start, end].
function lastQuarter(today) {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const [yy, qq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const pad = (n) => String(n).padStart(2, '0');
  const end = new Date(Date.UTC(yy, qq * 3 + 3, 0)).getUTCDate();
  return [`${yy}-${pad(qq * 3 + 1)}-01`, `${yy}-${pad(qq * 3 + 3)}-${pad(end)}`];
}
const [Q_START, Q_END] = lastQuarter(TODAY);
const Q_DAY = addDays(Q_START, 40);

function find(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && u.tenant_name === tenantName);
  assert.equal(found.length, 1, `one unit ${name} in ${tenantName}`);
  return found[0];
}
// A valid meeting of `unit_id` on `date`: everyone on the roll came but the last, who was on sick leave.
async function meetingBody(c, unit_id, over = {}) {
  const date = over.date || Q_DAY;
  const roll = expectJson(await c.get(`/api/v1/life/roll?org=${unit_id}&on=${date}`), 200).items.map((m) => m.member_id);
  const absent = roll.slice(-1).map((member_id) => ({ member_id, reason: '病假' }));
  return {
    unit_id, type: 'branch_assembly', date, start_time: '14:30', place: '内科示教室', topic: '讨论发展对象接收预备党员',
    presenter: '陈建国', recorder: '王丽娟', minutes: '会议由陈建国主持。', decisions: '同意接收为预备党员。',
    has_votes: true, came: roll.slice(0, -1), absent, ...over,
  };
}
const auditRows = (recordId, action) =>
  srv.rows(`SELECT action, username FROM audit_log WHERE record_type = 'meeting' AND record_id = '${recordId}' AND action = '${action}' AND result = 'ok'`);

test('setup: sessions and units of the demo', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = find(s.all, '内科党支部', JB);
  s.waike = find(s.all, '外科党支部', JB);
  s.dazuBranch = find(s.all, '玉龙镇卫生院党支部', DAZU);
  s.waikeMeeting = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.waike.id}&size=1`), 200).items[0];
  assert.ok(s.waikeMeeting, 'the demo has meetings of 江北 外科党支部');
});

test('roll: the branch and its 党小组 on that day, with who has a vote', async () => {
  const r = expectJson(await s.secretary.get(`/api/v1/life/roll?org=${s.neike.id}&on=${Q_DAY}`), 200);
  assert.equal(r.unit_id, s.neike.id);
  assert.equal(r.total, r.items.length);
  const names = r.items.map((m) => m.name);
  assert.ok(names.includes('陈建国') && names.includes('王丽娟'), names.join(','));
  assert.equal(r.voting, r.items.filter((m) => m.status === '正式').length);
  expectProblem(await s.secretary.get(`/api/v1/life/roll?org=${s.waike.id}`), 404, 'org');
  expectProblem(await s.secretary.get('/api/v1/life/roll'), 400, 'org');
  expectProblem(await s.secretary.get(`/api/v1/life/roll?org=${s.neike.id}&on=2026-02-30`), 400, 'on');
});

test('create: a 支部党员大会 with attendance and quorum, audited', async () => {
  const body = await meetingBody(s.secretary, s.neike.id);
  const m = expectJson(await s.secretary.post('/api/v1/meetings', body), 201);
  assert.equal(m.unit_id, s.neike.id);
  assert.equal(m.type_title, '支部党员大会');
  assert.equal(m.date, Q_DAY);
  assert.equal(m.should_count, body.came.length + 1);
  assert.equal(m.came_count, body.came.length);
  assert.equal(m.attendance.length, m.should_count);
  const sick = m.attendance.find((a) => !a.came);
  assert.equal(sick.absence_reason, '病假');
  assert.ok(m.quorum && m.quorum.has_quorum, JSON.stringify(m.quorum));
  assert.match(m.quorum.message, /超过半数，可以表决/);
  assert.equal(m.should_reason, null);
  assert.equal(m.version, 1);
  assert.equal(auditRows(m.id, 'create').length, 1);
  s.created = m;
  const got = expectJson(await s.secretary.get(`/api/v1/meetings/${m.id}`), 200);
  assert.deepEqual(got.attendance, m.attendance);
  assert.equal(got.minutes, '会议由陈建国主持。');
});

test('create: should-attend edited with a reason; a 党课 with its lecturer level', async () => {
  const roll = expectJson(await s.secretary.get(`/api/v1/life/roll?org=${s.neike.id}&on=${TODAY}`), 200).items.map((x) => x.member_id);
  const body = {
    unit_id: s.neike.id, type: 'party_lecture', date: TODAY, start_time: '16:00', place: '党员活动室', topic: '学习党史，传承红色基因',
    presenter: '陈建国', recorder: '王丽娟', lecturer_level: '支部书记', campaign: '学习贯彻主题教育',
    should: roll.slice(1), should_reason: '一名党员外派对口支援', came: roll.slice(1), absent: [],
  };
  const m = expectJson(await s.secretary.post('/api/v1/meetings', body), 201);
  assert.equal(m.should_count, roll.length - 1);
  assert.equal(m.should_reason, '一名党员外派对口支援');
  assert.equal(m.lecturer_level, '支部书记');
  assert.equal(m.quorum, null);
  assert.equal(m.attendance_rate, 1000);
  assert.equal(m.attendance_rate_text, '100.0%');
  const list = expectJson(await s.secretary.get(`/api/v1/meetings?lecturer_level=${enc('支部书记')}&campaign=${enc('学习贯彻主题教育')}`), 200);
  assert.deepEqual(list.items.map((x) => x.id), [m.id]);
});

test('create: every field error at once, each naming its field in Chinese', async () => {
  const r = await s.secretary.post('/api/v1/meetings', { unit_id: s.neike.id, came: [], absent: [] });
  for (const f of ['type', 'date', 'start_time', 'place', 'topic', 'presenter', 'recorder']) expectProblem(r, 400, f);
  const base = await meetingBody(s.secretary, s.neike.id);
  const cases = [
    [{ type: 'dinner' }, 'type', '会议类型无效'],
    [{ date: addDays(TODAY, 1) }, 'date', '会议日期不能晚于今天'],
    [{ start_time: '25:00' }, 'start_time'],
    [{ topic: '题'.repeat(101) }, 'topic'],
    [{ type: 'branch_committee', lecturer_level: '支部书记', has_votes: false }, 'lecturer_level'],
    [{ type: 'party_lecture', lecturer_level: '院长', has_votes: false }, 'lecturer_level'],
    [{ type: 'branch_committee' }, 'has_votes', '只有支部党员大会可设表决事项'],
    [{ should: base.came }, 'should_reason'],
    [{ should: [...base.came, ...base.absent.map((a) => a.member_id), 999999999], should_reason: '外单位' }, 'should'],
    [{ came: [...base.came, base.came[0]] }, 'came', '实到人员有重复'],
    [{ absent: [] }, 'absent'],
    [{ absent: base.absent.map((a) => ({ ...a, reason: '出差' })) }, 'absent', '缺席原因应为病假、事假、公假或其他'],
    [{ absent: base.absent.map((a) => ({ ...a, reason: '其他' })) }, 'absent', '缺席原因为“其他”的，请说明具体原因'],
    [{ absent: 'x' }, 'absent'],
    [{ came: 'all' }, 'came'],
    [{ has_votes: 'yes' }, 'has_votes'],
    [{ unit_id: undefined }, 'unit_id'],
    [{ unit_id: 999999 }, 'unit_id'],
  ];
  for (const [over, field, message] of cases) {
    expectProblem(await s.secretary.post('/api/v1/meetings', { ...base, ...over }), 400, field, message);
  }
  const notJson = await s.secretary.post('/api/v1/meetings', undefined, { rawBody: '[1,2]' });
  expectProblem(notJson, 400);
});

test('secretary: refused outside the branch (403 naming unit_id on create, 404 for records)', async () => {
  const body = await meetingBody(s.auditor, s.waike.id);
  expectProblem(await s.secretary.post('/api/v1/meetings', body), 403, 'unit_id');
  expectProblem(await s.secretary.get(`/api/v1/meetings/${s.waikeMeeting.id}`), 404, 'id');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${s.waikeMeeting.id}`, { ...body, version: 1 }), 404, 'id');
  expectProblem(await s.secretary.post(`/api/v1/meetings/${s.waikeMeeting.id}/cancel`, { reason: '越权', version: 1 }), 404, 'id');
  expectProblem(await s.secretary.get(`/api/v1/meetings?org=${s.waike.id}`), 404, 'org');
  const own = expectJson(await s.secretary.get('/api/v1/meetings?size=200&state=all'), 200);
  assert.ok(own.total > 0);
  assert.ok(own.items.every((m) => m.unit_id === s.neike.id || m.unit_name.includes('党小组')), 'only the branch and its groups');
});

test('tenant isolation: another hospital\'s meeting is 404, its unit 400 on create', async () => {
  expectProblem(await s.admin.get(`/api/v1/meetings/${s.waikeMeeting.id}`), 404, 'id');
  expectProblem(await s.admin.get(`/api/v1/meetings?org=${s.waike.id}`), 404, 'org');
  const body = await meetingBody(s.auditor, s.waike.id);
  expectProblem(await s.admin.post('/api/v1/meetings', body), 400, 'unit_id');
  const mine = expectJson(await s.admin.get('/api/v1/meetings?size=200'), 200);
  assert.ok(mine.items.every((m) => m.tenant_id === s.dazuBranch.tenant_id));
  // The superior committee's auditor reads every hospital below it, and writes nothing.
  expectJson(await s.auditor.get(`/api/v1/meetings/${s.waikeMeeting.id}`), 200);
  expectProblem(await s.auditor.post('/api/v1/meetings', body), 403);
  expectProblem(await s.member.get('/api/v1/meetings'), 403);
  expectProblem(await s.leader.post('/api/v1/meetings', body), 403);
});

test('list: filters, sorting, paging and each bad parameter', async () => {
  const all = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.neike.id}&size=200`), 200);
  assert.ok(all.total >= all.items.length && all.items.length > 0);
  const dates = all.items.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const typed = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.neike.id}&type=theme_day&from=${Q_START}&to=${Q_END}`), 200);
  assert.equal(typed.total, 3, 'one 主题党日 a month in the last quarter');
  assert.ok(typed.items.every((m) => m.type === 'theme_day' && m.date >= Q_START && m.date <= Q_END));
  const direct = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.neike.id}&direct=1&size=200`), 200);
  assert.ok(direct.items.every((m) => m.unit_id === s.neike.id));
  const q = expectJson(await s.secretary.get(`/api/v1/meetings?q=${enc('接收预备党员')}&from=${Q_START}&to=${Q_END}`), 200);
  assert.ok(q.items.some((m) => m.id === s.created.id));
  const asc = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.neike.id}&sort=date&size=5&page=2`), 200);
  assert.equal(asc.page, 2);
  assert.ok(asc.items[0].date <= asc.items[asc.items.length - 1].date);
  for (const [qs, field] of [['type=x', 'type'], ['from=2026-13-01', 'from'], ['to=yesterday', 'to'], [`from=${TODAY}&to=${Q_START}`, 'to'],
    ['lecturer_level=x', 'lecturer_level'], ['state=deleted', 'state'], ['sort=topic', 'sort'], ['org=abc', 'org'], ['direct=1', 'direct'], ['size=500', 'size']]) {
    expectProblem(await s.auditor.get(`/api/v1/meetings?${qs}`), 400, field);
  }
  expectProblem(await s.auditor.get('/api/v1/meetings/999999999'), 404, 'id');
});

test('update: new version, the previous kept in history; stale version 409', async () => {
  const m = s.created;
  const body = await meetingBody(s.secretary, s.neike.id);
  const changed = expectJson(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, topic: '讨论接收预备党员（更正）', version: m.version }), 200);
  assert.equal(changed.topic, '讨论接收预备党员（更正）');
  assert.equal(changed.version, m.version + 1);
  const history = srv.rows(`SELECT version, snapshot_json FROM meeting_history WHERE meeting_id = ${m.id}`);
  assert.equal(history.length, 1);
  assert.equal(Number(history[0][0]), 1);
  assert.equal(JSON.parse(history[0][1]).topic, '讨论发展对象接收预备党员');
  assert.equal(auditRows(m.id, 'update').length, 1);
  // Nothing deleted: the first attendance list is superseded and kept beside the current one.
  const lines = srv.rows(`SELECT superseded_at IS NULL FROM meeting_attendance WHERE meeting_id = ${m.id}`).map(([cur]) => cur);
  const current = lines.filter((c) => c === '1' || c === 't').length;
  assert.equal(current, changed.attendance.length, 'the current list is the answer\'s');
  assert.ok(lines.length - current >= 1, 'the earlier list is kept');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, version: m.version }), 409, 'version');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, body), 400, 'version');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, unit_id: s.waike.id, version: changed.version }), 400, 'unit_id');
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, place: '', version: changed.version }), 400, 'place');
  s.created = changed;
});

test('cancel: with a reason, kept and listed as cancelled; no edit afterwards', async () => {
  const m = s.created;
  expectProblem(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { version: m.version }), 400, 'reason');
  expectProblem(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '重复登记' }), 400, 'version');
  const c = expectJson(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '重复登记', version: m.version }), 200);
  assert.equal(c.state, 'cancelled');
  assert.equal(c.cancel_reason, '重复登记');
  assert.equal(auditRows(m.id, 'cancel').length, 1);
  const active = expectJson(await s.secretary.get(`/api/v1/meetings?from=${Q_DAY}&to=${Q_DAY}`), 200);
  assert.ok(!active.items.some((x) => x.id === m.id));
  const cancelled = expectJson(await s.secretary.get('/api/v1/meetings?state=cancelled'), 200);
  assert.deepEqual(cancelled.items.map((x) => x.id), [m.id]);
  expectJson(await s.secretary.get(`/api/v1/meetings/${m.id}`), 200);
  expectProblem(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '再次', version: c.version }), 409);
  const body = await meetingBody(s.secretary, s.neike.id);
  expectProblem(await s.secretary.put(`/api/v1/meetings/${m.id}`, { ...body, version: c.version }), 409);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM meetings WHERE id = ${m.id}`)), 1, 'nothing deleted');
});
