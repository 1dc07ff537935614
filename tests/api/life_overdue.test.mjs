// The cadence of organisational life (docs/openapi.yaml, tag life): units overdue on any rule
// and what they miss, what is still owed this period, scope and tenant isolation, and the
// secretary's branch leaving the list once its 支部党员大会 is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const JB = '重庆市红十字会医院（江北区人民医院）';
const DAZU = '大足区人民医院';
const CS = '长寿区人民医院';
const TODAY = todayShanghai();
const QUARTERS = ['一', '二', '三', '四'];

function lastQuarter(today) {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const [yy, qq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const pad = (n) => String(n).padStart(2, '0');
  const end = new Date(Date.UTC(yy, qq * 3 + 3, 0)).getUTCDate();
  return { start: `${yy}-${pad(qq * 3 + 1)}-01`, end: `${yy}-${pad(qq * 3 + 3)}-${pad(end)}`, title: `${yy}年第${QUARTERS[qq]}季度` };
}
function lastMonth(today) {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const [yy, mm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return `${yy}年${mm}月`;
}
const LQ = lastQuarter(TODAY);
const byName = (items) => Object.fromEntries(items.map((u) => [`${u.tenant_id}:${u.unit_name}`, u.missing.map((x) => x.message)]));

test('setup', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  const unit = (name, t) => s.all.find((u) => u.name === name && u.tenant_name === t);
  s.neike = unit('内科党支部', JB);
  s.dazuRoot = s.all.find((u) => u.parent_id === null && u.tenant_name === DAZU);
  s.jb = s.neike.tenant_id;
  s.dazu = s.dazuRoot.tenant_id;
  s.cs = unit('长寿区人民医院党委', CS)?.tenant_id ?? s.all.find((u) => u.tenant_name === CS).tenant_id;
});

test('overdue: exactly the demo\'s deliberate gaps, with what is missing', async () => {
  const all = expectJson(await s.auditor.get('/api/v1/life/overdue'), 200);
  assert.equal(all.on, TODAY);
  assert.equal(all.total, all.items.length);
  assert.deepEqual(byName(all.items), {
    [`${s.dazu}:玉龙镇卫生院党支部`]: [`${lastMonth(TODAY)}未开展主题党日`],
    [`${s.dazu}:后勤第二党支部`]: [`${LQ.title}未上党课`],
    [`${s.jb}:内科党支部`]: [`${LQ.title}未召开支部党员大会`],
    [`${s.cs}:康复医学科党支部`]: [`${LQ.title}未上党课`, `${lastMonth(TODAY)}未开展主题党日`],
  });
  const neike = all.items.find((u) => u.unit_id === s.neike.id);
  assert.equal(neike.kind_title, '党支部');
  const gap = neike.missing[0];
  assert.equal(gap.meeting_type, 'branch_assembly');
  assert.equal(gap.period_start, LQ.start);
  assert.equal(gap.period_end, LQ.end);
  assert.equal(gap.held, 0);
  assert.equal(gap.required, 1);
  // The gap opens the meeting list of that unit, type and quarter: empty, as the gap says.
  const records = expectJson(await s.auditor.get(gap.records), 200);
  assert.equal(records.total, gap.held);
});

test('overdue: the scope narrows it; org narrows it further; bad parameters', async () => {
  const mine = expectJson(await s.secretary.get('/api/v1/life/overdue'), 200);
  assert.deepEqual(mine.items.map((u) => u.unit_name), ['内科党支部']);
  const dazu = expectJson(await s.admin.get('/api/v1/life/overdue'), 200);
  assert.deepEqual(dazu.items.map((u) => u.unit_name).sort(), ['后勤第二党支部', '玉龙镇卫生院党支部'].sort());
  const yulong = dazu.items.find((u) => u.unit_name === '玉龙镇卫生院党支部');
  const one = expectJson(await s.admin.get(`/api/v1/life/overdue?org=${yulong.unit_id}`), 200);
  assert.deepEqual(one.items.map((u) => u.unit_id), [yulong.unit_id]);
  expectProblem(await s.secretary.get(`/api/v1/life/overdue?org=${s.dazuRoot.id}`), 404, 'org');
  expectProblem(await s.admin.get(`/api/v1/life/overdue?org=${s.neike.id}`), 404, 'org');
  expectProblem(await s.admin.get('/api/v1/life/overdue?org=x'), 400, 'org');
  expectProblem(await s.admin.get('/api/v1/life/overdue?on=2026-02-30'), 400, 'on');
  expectProblem(await s.member.get('/api/v1/life/overdue'), 403);
});

test('overdue on a given day: the quarter before it is judged', async () => {
  // On the first day of the last ended quarter, the secretary's branch owed the quarter before, which it held.
  const then = expectJson(await s.secretary.get(`/api/v1/life/overdue?on=${LQ.start}`), 200);
  assert.equal(then.on, LQ.start);
  assert.deepEqual(then.items, []);
});

test('due: what each unit still owes this period, by its last day', async () => {
  const due = expectJson(await s.secretary.get('/api/v1/life/due'), 200);
  assert.equal(due.total, due.items.length);
  for (const u of due.items) {
    assert.ok(u.owed.length > 0);
    for (const o of u.owed) {
      assert.ok(o.period_start <= TODAY && TODAY <= o.period_end, JSON.stringify(o));
      assert.ok(o.held < o.required);
      assert.match(o.message, /尚需/);
    }
  }
  expectProblem(await s.secretary.get('/api/v1/life/due?on=x'), 400, 'on');
});

test('a unit created today owes nothing for the periods before it', async () => {
  const b = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.dazuRoot.id, name: '新成立测试党支部', kind: 'branch' }), 201);
  const overdue = expectJson(await s.admin.get(`/api/v1/life/overdue?org=${b.id}`), 200);
  assert.deepEqual(overdue.items, []);
});

test('recording the missing 支部党员大会 takes the branch off the list', async () => {
  const on = addDays(LQ.start, 45);
  const roll = expectJson(await s.secretary.get(`/api/v1/life/roll?org=${s.neike.id}&on=${on}`), 200).items.map((m) => m.member_id);
  const m = expectJson(await s.secretary.post('/api/v1/meetings', {
    unit_id: s.neike.id, type: 'branch_assembly', date: on, start_time: '15:00', place: '内科示教室', topic: '补开本季度支部党员大会',
    presenter: '陈建国', recorder: '王丽娟', came: roll, absent: [],
  }), 201);
  const after = expectJson(await s.secretary.get('/api/v1/life/overdue'), 200);
  assert.deepEqual(after.items, []);
  const all = expectJson(await s.auditor.get('/api/v1/life/overdue'), 200);
  assert.ok(!all.items.some((u) => u.unit_id === s.neike.id));
  // Cancelled, it no longer counts: the branch is overdue again.
  expectJson(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '测试取消', version: m.version }), 200);
  const again = expectJson(await s.secretary.get('/api/v1/life/overdue'), 200);
  assert.deepEqual(again.items.map((u) => u.unit_name), ['内科党支部']);
});
