// Member points (docs/openapi.yaml /api/v1/points/*, /api/v1/me/points): rules as versions; manual
// entries proposed by one user and decided by another holding party:points:approve (never the
// proposer); the caps at work through the API; the ranking with shared ranks on ties, per branch
// and overall, within the caller's scope; a member's own points and nobody else's; refusals,
// tenants; the points figures equal their records lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YEAR = TODAY.slice(0, 4);
const fields = (r) => r.body.errors.map((e) => e.field);

test('setup: sessions, a second approver in 大足, members', async () => {
  const add = srv.qizhi(['user', 'add', 'approver2', '--name', '赵审批', '--tenant', '2', '--role', 'admin'], { QIZHI_PASSWORD: DEMO_PASSWORD });
  assert.equal(add.status, 0, add.output);
  for (const u of ['admin', 'secretary', 'member', 'leader', 'auditor', 'approver2']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.yulong = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  // A 大足 member the demo gave no manual entries: the last one on the roll.
  s.fresh = Number(srv.sql("SELECT id FROM members WHERE tenant_id = 2 AND state = 'active' ORDER BY id DESC LIMIT 1"));
  s.fresh2 = Number(srv.sql("SELECT id FROM members WHERE tenant_id = 2 AND state = 'active' ORDER BY id DESC LIMIT 1 OFFSET 1"));
  s.wang = Number(srv.sql("SELECT member_id FROM users WHERE username = 'member'"));
  s.jbOther = Number(srv.sql(`SELECT id FROM members WHERE tenant_id = 3 AND state = 'active' AND unit_id <> ${s.neike.id} ORDER BY id LIMIT 1`));
});

test('rules: every tenant starts with the default versions; members may read them', async () => {
  const r = expectJson(await s.admin.get('/api/v1/points/rules'), 200);
  assert.deepEqual(r.items.map((x) => x.action), ['meeting_attend', 'lecture', 'meeting_absent', 'manual_bonus', 'manual_deduct', 'dues_on_time', 'commendation']);
  const attend = r.items[0];
  assert.deepEqual([attend.points, attend.cycle, attend.cycle_cap, attend.year_cap, attend.effective_from, attend.current],
    [2, 'month', 10, 60, '2000-01-01', true]);
  assert.equal(r.items.find((x) => x.action === 'meeting_absent').sign, -1);
  assert.equal(r.cycles.length, 5);
  expectJson(await s.member.get('/api/v1/points/rules'), 200);
  expectJson(await s.leader.get('/api/v1/points/rules'), 200);
});

test('rules: a new version from a date keeps the old one; only party:points:rules; validation', async () => {
  const body = { action: 'lecture', name: '讲党课（新）', points: 6, cycle: 'quarter', cycle_cap: 12, year_cap: 24, effective_from: addDays(TODAY, 1) };
  for (const c of [s.secretary, s.leader, s.auditor, s.member]) assert.equal((await c.post('/api/v1/points/rules', body)).status, 403);
  const bad = await s.admin.post('/api/v1/points/rules', { action: 'tea', name: '', points: 'x', cycle: 'week', cycle_cap: -1, year_cap: 20000, effective_from: '2020-01-01' });
  expectProblem(bad, 400, 'action', '积分事项无效');
  assert.deepEqual(fields(bad), ['points', 'action', 'name', 'cycle', 'cycle_cap', 'year_cap', 'effective_from']);
  expectProblem(await s.admin.post('/api/v1/points/rules', { ...body, effective_from: `${Number(YEAR) - 1}-12-31` }), 400, 'effective_from', '生效日期不能早于今年1月1日（往年积分已结算）');
  expectProblem(await s.admin.post('/api/v1/points/rules', { ...body, year_cap: 10 }), 400, 'year_cap', '年度上限不能小于周期上限');
  const v = expectJson(await s.admin.post('/api/v1/points/rules', body), 201);
  assert.equal(v.points, 6);
  assert.equal(v.current, false, 'effective tomorrow');
  // The same date again: a version must come after the latest.
  expectProblem(await s.admin.post('/api/v1/points/rules', body), 400, 'effective_from', `生效日期应晚于该事项现行版本的生效日期（${addDays(TODAY, 1)}）`);
  const r = expectJson(await s.admin.get('/api/v1/points/rules'), 200);
  assert.equal(r.items.find((x) => x.action === 'lecture').points, 5, 'today the old version is in force');
  const lectures = r.history.filter((x) => x.action === 'lecture');
  assert.deepEqual(lectures.map((x) => x.points), [6, 5], 'both versions kept, newest first');
  assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE record_type = 'points_rule' AND record_id = '${v.id}'`)), 1);
  // Another hospital's rules are untouched.
  const jb = expectJson(await s.secretary.get('/api/v1/points/rules'), 200);
  assert.equal(jb.history.filter((x) => x.action === 'lecture').length, 1);
});

test('entries: validation names each field; members outside the scope or hospital are refused', async () => {
  const r = await s.admin.post('/api/v1/points/entries', { action: 'meeting_attend', points: 0, occurred_on: addDays(TODAY, 1), reason: 'x' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r).sort(), ['action', 'member_id', 'occurred_on', 'points', 'reason']);
  expectProblem(await s.admin.post('/api/v1/points/entries', { member_id: s.fresh, action: 'manual_bonus', points: 101, occurred_on: TODAY, reason: '理由充分' }), 400, 'points');
  // Another hospital's member is unknown here; a member of the hospital outside the branch is forbidden.
  expectProblem(await s.admin.post('/api/v1/points/entries', { member_id: s.wang, action: 'manual_bonus', points: 1, occurred_on: TODAY, reason: '理由充分' }), 400, 'member_id');
  expectProblem(await s.secretary.post('/api/v1/points/entries', { member_id: s.jbOther, action: 'manual_bonus', points: 1, occurred_on: TODAY, reason: '理由充分' }), 403, 'member_id');
  for (const c of [s.leader, s.auditor, s.member]) {
    assert.equal((await c.post('/api/v1/points/entries', { member_id: s.fresh, action: 'manual_bonus', points: 1, occurred_on: TODAY, reason: '理由充分' })).status, 403);
  }
});

test('entries: proposed by one, approved by another; never by the proposer; decided once', async () => {
  const e = expectJson(await s.admin.post('/api/v1/points/entries', { member_id: s.fresh, action: 'manual_bonus', points: 10, occurred_on: TODAY, reason: '驻村帮扶表现突出' }), 201);
  assert.equal(e.status, 'pending');
  assert.equal(e.own, true);
  const before = expectJson(await s.admin.get(`/api/v1/points/members/${s.fresh}`), 200);
  assert.ok(!before.items.some((x) => x.source === 'entry'), 'a pending entry does not count');
  expectProblem(await s.admin.post(`/api/v1/points/entries/${e.id}/approve`, {}), 403, 'id', '不能审批本人提出的加扣分申请，须由另一位有审批权限的人员审批');
  assert.equal((await s.secretary.post(`/api/v1/points/entries/${e.id}/approve`, {})).status, 403, 'no party:points:approve');
  const ok = expectJson(await s.approver2.post(`/api/v1/points/entries/${e.id}/approve`, { note: '同意' }), 200);
  assert.deepEqual([ok.status, ok.decided_by, ok.decision_note], ['approved', '赵审批', '同意']);
  expectProblem(await s.approver2.post(`/api/v1/points/entries/${e.id}/approve`, {}), 409, 'status');
  expectProblem(await s.approver2.post(`/api/v1/points/entries/${e.id}/reject`, { note: '再驳回' }), 409, 'status');
  // Proposed and approved; the refused attempts are audited as refused.
  assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE record_type = 'points_entry' AND record_id = '${e.id}' AND result = 'ok'`)), 2);
  // Two more: 8 then 7 reach the year cap of 20 — the last one counts 2, and says why.
  for (const points of [8, 7]) {
    const x = expectJson(await s.admin.post('/api/v1/points/entries', { member_id: s.fresh, action: 'manual_bonus', points, occurred_on: TODAY, reason: `加分${points}` }), 201);
    expectJson(await s.approver2.post(`/api/v1/points/entries/${x.id}/approve`, {}), 200);
  }
  const d = expectJson(await s.admin.get(`/api/v1/points/members/${s.fresh}?year=${YEAR}`), 200);
  const manual = d.items.filter((x) => x.action === 'manual_bonus');
  assert.deepEqual(manual.map((x) => [x.base, x.points]), [[10, 10], [8, 8], [7, 2]]);
  assert.equal(manual[2].reason, '本年上限 20 分，本次计 2 分');
  assert.equal(d.points, d.items.reduce((a, x) => a + x.points, 0));
  assert.equal(d.by_action.find((x) => x.action === 'manual_bonus').points, 20);
});

test('entries: a rejection needs a reason and counts nothing; a deduction is negative', async () => {
  const e = expectJson(await s.admin.post('/api/v1/points/entries', { member_id: s.fresh2, action: 'manual_deduct', points: 4, occurred_on: TODAY, reason: '无故缺席主题党日' }), 201);
  const r = expectJson(await s.admin.post('/api/v1/points/entries', { member_id: s.fresh2, action: 'manual_bonus', points: 9, occurred_on: TODAY, reason: '证明材料不足的加分' }), 201);
  expectProblem(await s.approver2.post(`/api/v1/points/entries/${r.id}/reject`, {}), 400, 'note');
  const rej = expectJson(await s.approver2.post(`/api/v1/points/entries/${r.id}/reject`, { note: '缺少证明材料' }), 200);
  assert.equal(rej.status, 'rejected');
  expectJson(await s.approver2.post(`/api/v1/points/entries/${e.id}/approve`, {}), 200);
  const d = expectJson(await s.admin.get(`/api/v1/points/members/${s.fresh2}`), 200);
  const manual = d.items.filter((x) => x.source === 'entry');
  assert.deepEqual(manual.map((x) => [x.action, x.points]), [['manual_deduct', -4]]);
  // The queue and the history.
  const pending = expectJson(await s.admin.get('/api/v1/points/entries?status=pending'), 200);
  assert.ok(pending.items.every((x) => x.status === 'pending'));
  const rejected = expectJson(await s.admin.get(`/api/v1/points/entries?status=rejected&q=${encodeURIComponent('证明材料')}`), 200);
  assert.deepEqual(rejected.items.map((x) => x.id), [r.id]);
  expectProblem(await s.admin.get('/api/v1/points/entries?status=done'), 400, 'status');
  expectProblem(await s.admin.get('/api/v1/points/entries?from=2026-13-01'), 400, 'from');
});

test('tenants: another hospital\'s entries and members are not there', async () => {
  const jb = expectJson(await s.secretary.get('/api/v1/points/entries?status=pending'), 200).items;
  assert.ok(jb.length >= 1, 'the demo\'s pending entry in 江北');
  assert.equal((await s.approver2.post(`/api/v1/points/entries/${jb[0].id}/approve`, {})).status, 404);
  assert.equal((await s.admin.get(`/api/v1/points/members/${s.wang}`)).status, 404);
  assert.equal((await s.secretary.get(`/api/v1/points/members/${s.fresh}`)).status, 404);
  assert.ok(expectJson(await s.admin.get('/api/v1/points/entries?size=200'), 200).items.every((x) => x.tenant_id === 2));
});

test('ranking: shared ranks on ties, branch ranks, the caller\'s scope, filters', async () => {
  const r = expectJson(await s.admin.get(`/api/v1/points/ranking?year=${YEAR}&size=200`), 200);
  assert.equal(r.year, Number(YEAR));
  assert.ok(r.total > 100, '大足\'s members');
  const all = [];
  for (let page = 1; (page - 1) * 200 < r.total; page++) all.push(...expectJson(await s.admin.get(`/api/v1/points/ranking?size=200&page=${page}`), 200).items);
  assert.equal(all.length, r.total);
  for (const [i, x] of all.entries()) {
    assert.equal(x.rank, 1 + all.filter((y) => y.points > x.points).length, `rank of ${x.name}`);
    if (i > 0) assert.ok(all[i - 1].points >= x.points, 'points order');
    const unit = all.filter((y) => y.unit_id === x.unit_id);
    assert.equal(x.branch_rank, 1 + unit.filter((y) => y.points > x.points).length);
    assert.equal(x.branch_size, unit.length);
  }
  assert.ok(all.some((x, i) => i > 0 && x.points === all[i - 1].points && x.rank === all[i - 1].rank), 'ties share a rank');
  assert.equal(all.find((x) => x.member_id === s.fresh).points >= 20, true);
  // One branch: ranks within it equal the branch ranks.
  const b = expectJson(await s.admin.get(`/api/v1/points/ranking?org=${s.yulong.id}&size=200`), 200);
  assert.ok(b.total > 0 && b.total < r.total, 'a branch is part of the hospital');
  assert.deepEqual(b.items.map((x) => x.rank), b.items.map((x) => 1 + b.items.filter((y) => y.points > x.points).length));
  // The secretary sees only 内科党支部 (and its 党小组): exactly the members they may read.
  const sec = expectJson(await s.secretary.get('/api/v1/points/ranking?size=200'), 200);
  const roll = expectJson(await s.secretary.get('/api/v1/members?size=200'), 200);
  assert.ok(sec.total > 0);
  assert.deepEqual(sec.items.map((x) => x.member_id).sort(), roll.items.map((x) => x.id).sort());
  assert.equal((await s.secretary.get(`/api/v1/points/ranking?org=${s.yulong.id}`)).status, 404);
  const has = expectJson(await s.admin.get('/api/v1/points/ranking?has_points=1&size=200'), 200);
  assert.ok(has.items.every((x) => x.points !== 0));
  const q = expectJson(await s.admin.get(`/api/v1/points/ranking?q=${encodeURIComponent(all[0].name)}`), 200);
  assert.ok(q.items.some((x) => x.member_id === all[0].member_id && x.rank === all[0].rank), 'a search keeps the rank');
  expectProblem(await s.admin.get('/api/v1/points/ranking?year=1999'), 400, 'year');
  expectProblem(await s.admin.get(`/api/v1/points/ranking?year=${Number(YEAR) + 1}`), 400, 'year');
  expectJson(await s.auditor.get('/api/v1/points/ranking'), 200);
  for (const c of [s.member]) assert.equal((await c.get('/api/v1/points/ranking')).status, 403);
});

test('attendance points: 2 a meeting, never more than 10 in a month, and the reason when capped', async () => {
  const d = expectJson(await s.secretary.get(`/api/v1/points/members/${s.wang}`), 200);
  const attend = d.items.filter((x) => x.action === 'meeting_attend');
  const months = {};
  for (const x of attend) {
    assert.equal(x.base, 2);
    months[x.date.slice(0, 7)] = (months[x.date.slice(0, 7)] || 0) + x.points;
    if (x.points < x.base) assert.match(x.reason, /上限/);
  }
  for (const v of Object.values(months)) assert.ok(v <= 10);
});

test('earned from other areas: each month of dues paid by its end is 1 point, a commendation 10', async () => {
  // Dues: for each member of the branch, exactly the months their dues ledger shows paid by the
  // month's end, up to this month — a member who pays late earns none for those months.
  const members = expectJson(await s.secretary.get(`/api/v1/members?org=${s.neike.id}&size=100`), 200).items;
  let earners = 0;
  let late = 0;
  for (const m of members) {
    const ledger = expectJson(await s.secretary.get(`/api/v1/dues/members/${m.id}/ledger?year=${YEAR}`), 200);
    const onTime = ledger.months.filter((x) => x.on_time && `${x.month}-01` <= TODAY).map((x) => x.month).sort();
    late += ledger.months.some((x) => !x.on_time && x.paid_fen > 0) ? 1 : 0;
    const d = expectJson(await s.secretary.get(`/api/v1/points/members/${m.id}?year=${YEAR}`), 200);
    const dues = d.items.filter((x) => x.action === 'dues_on_time');
    assert.deepEqual(dues.map((x) => x.date.slice(0, 7)).sort(), onTime, m.name);
    assert.ok(dues.every((x) => x.points === 1 && x.source === 'dues'));
    earners += onTime.length ? 1 : 0;
  }
  assert.ok(earners >= 1 && late >= 1, `the demo branch has members paying on time (${earners}) and late (${late})`);
  // Commendations: an unrevoked 优秀共产党员 of 江北 earns 10 on its decision date.
  const c = expectJson(await s.auditor.get('/api/v1/commendations?kind=outstanding_member&size=1'), 200).items.find((x) => x.member_id);
  assert.ok(c, 'the demo holds 优秀共产党员 (seed 002)');
  const p = expectJson(await s.auditor.get(`/api/v1/points/members/${c.member_id}?year=${c.decided_on.slice(0, 4)}`), 200);
  const earned = p.items.filter((x) => x.action === 'commendation');
  assert.deepEqual(earned.map((x) => [x.source, x.source_id, x.date, x.points]), [['commendation', c.id, c.decided_on, 10]]);
});

test('me/points: the member sees their own points and reasons, and nobody else\'s', async () => {
  const me = expectJson(await s.member.get('/api/v1/me/points'), 200);
  assert.equal(me.member_id, s.wang);
  assert.equal(me.name, '王丽娟');
  const entries = me.items.filter((x) => x.source === 'entry');
  assert.deepEqual(entries.map((x) => x.points), [5, 10], 'the two approved demo entries; the pending one does not count');
  assert.equal(me.points, me.items.reduce((a, x) => a + x.points, 0));
  const other = expectJson(await s.secretary.get(`/api/v1/points/members/${s.wang}`), 200);
  assert.equal(other.points, me.points);
  assert.equal((await s.member.get(`/api/v1/points/members/${s.wang}`)).status, 403);
  assert.equal((await s.member.get('/api/v1/points/entries')).status, 403);
  assert.equal((await s.admin.get('/api/v1/me/points')).status, 403, 'the party office has no own points permission');
  expectProblem(await s.member.get('/api/v1/me/points?year=abc'), 400, 'year');
  const last = expectJson(await s.member.get(`/api/v1/me/points?year=${Number(YEAR) - 1}`), 200);
  assert.ok(last.items.every((x) => x.date.startsWith(String(Number(YEAR) - 1))), 'a past year is its own');
});

test('figures: points_members and points_entries_pending equal their records lists', async () => {
  for (const c of [s.admin, s.secretary, s.auditor]) {
    for (const name of ['points_members', 'points_entries_pending']) {
      const f = expectJson(await c.get(`/api/v1/figures/${name}`), 200);
      const list = expectJson(await c.get(f.records), 200);
      assert.equal(list.total, f.value, `${name}: ${f.records}`);
    }
  }
  const f = expectJson(await s.admin.get(`/api/v1/figures/points_members?org=${s.yulong.id}`), 200);
  assert.equal(expectJson(await s.admin.get(f.records), 200).total, f.value);
  assert.ok(expectJson(await s.admin.get('/api/v1/figures/points_entries_pending'), 200).value >= 1);
});
