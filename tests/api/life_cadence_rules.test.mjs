// The cadence rules as data (docs/openapi.yaml /api/v1/life/cadence-rules): the defaults until a
// hospital stores its own; replacing the whole set (party:life:rules, admin only) with every rule
// validated and errors named rules[i].field; old rows superseded, never deleted; audited; the
// overdue list follows the stored rules; another hospital is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { DAZU, JB, findUnit } from './lib/life.mjs';

const srv = useServer();
const s = {};
const strip = (r) => ({ meeting_type: r.meeting_type, applies_to: r.applies_to, period: r.period, min_count: r.min_count,
  presenter_role: r.presenter_role, fixed_day: r.fixed_day, needs_committee: r.needs_committee });
const missingOf = (overdue, unitId) => (overdue.items.find((u) => u.unit_id === unitId)?.missing ?? []).map((m) => m.meeting_type);

test('setup', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.yulong = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  s.houqin = findUnit(all, '后勤第二党支部', DAZU);
  s.neike = findUnit(all, '内科党支部', JB);
  s.tenant = s.yulong.tenant_id;
});

test('get: the defaults, flagged as not stored', async () => {
  const r = expectJson(await s.admin.get('/api/v1/life/cadence-rules'), 200);
  assert.equal(r.stored, false);
  assert.deepEqual(r.items, r.defaults);
  assert.equal(r.items.length, 10);
  const assembly = r.items[0];
  assert.deepEqual(assembly, { meeting_type: 'branch_assembly', type_title: '支部党员大会', applies_to: 'branch', applies_to_title: '党支部',
    period: 'quarter', min_count: 1, presenter_role: '', fixed_day: 0, needs_committee: false });
  assert.ok(r.items.some((x) => x.meeting_type === 'party_lecture' && x.presenter_role === '党委书记' && x.applies_to === 'committee'));
  expectJson(await s.secretary.get('/api/v1/life/cadence-rules'), 200);
});

test('put: only party:life:rules (admin) may replace the set', async () => {
  const { defaults } = expectJson(await s.admin.get('/api/v1/life/cadence-rules'), 200);
  for (const c of [s.secretary, s.leader, s.auditor]) {
    assert.equal((await c.put('/api/v1/life/cadence-rules', { rules: defaults.map(strip) })).status, 403);
  }
  assert.equal(Number(srv.sql('SELECT count(*) FROM life_cadence_rules')), 0);
});

test('put: validation names rules[i].field, all at once; nothing is stored', async () => {
  const { defaults } = expectJson(await s.admin.get('/api/v1/life/cadence-rules'), 200);
  const base = defaults.map(strip);
  expectProblem(await s.admin.put('/api/v1/life/cadence-rules', {}), 400, 'rules');
  expectProblem(await s.admin.put('/api/v1/life/cadence-rules', { rules: 'x' }), 400, 'rules');
  expectProblem(await s.admin.put('/api/v1/life/cadence-rules', { rules: [] }), 400, 'rules', '至少保留一条频次规则');
  expectProblem(await s.admin.put('/api/v1/life/cadence-rules', { rules: Array(101).fill(base[0]) }), 400, 'rules');
  const bad = structuredClone(base);
  bad[0].meeting_type = 'tea_party';
  bad[1].applies_to = 'hospital';
  bad[2].period = 'week';
  bad[3].min_count = 0;
  bad[4].presenter_role = '院长';
  bad[5].fixed_day = 32;
  bad[6].min_count = '2';
  bad[7].needs_committee = 'yes';
  bad[8] = 'rule';
  delete bad[9].period;
  const r = await s.admin.put('/api/v1/life/cadence-rules', { rules: bad });
  expectProblem(r, 400, 'rules[0].meeting_type', '会议类型无效');
  expectProblem(r, 400, 'rules[3].min_count', '每周期最少次数应为 1 至 99');
  assert.deepEqual(r.body.errors.map((e) => e.field), ['rules[0].meeting_type', 'rules[1].applies_to', 'rules[2].period', 'rules[3].min_count',
    'rules[4].presenter_role', 'rules[5].fixed_day', 'rules[6].min_count', 'rules[7].needs_committee', 'rules[8]', 'rules[9].period']);
  assert.equal(Number(srv.sql('SELECT count(*) FROM life_cadence_rules')), 0);
});

test('put: a changed rule changes the overdue list; the old set is superseded and audited; another hospital is untouched', async () => {
  const before = expectJson(await s.admin.get('/api/v1/life/overdue'), 200);
  assert.ok(missingOf(before, s.yulong.id).includes('theme_day'));
  assert.ok(missingOf(before, s.houqin.id).includes('party_lecture'));
  const { defaults } = expectJson(await s.admin.get('/api/v1/life/cadence-rules'), 200);
  // No 主题党日 rule; the branch 党课 twice a quarter.
  const mine = defaults.map(strip).filter((r) => r.meeting_type !== 'theme_day');
  mine.find((r) => r.meeting_type === 'party_lecture' && r.applies_to === 'branch' && r.presenter_role === '').min_count = 2;
  const saved = expectJson(await s.admin.put('/api/v1/life/cadence-rules', { rules: mine }), 200);
  assert.equal(saved.stored, true);
  assert.deepEqual(saved.items.map(strip), mine);
  assert.deepEqual(expectJson(await s.admin.get('/api/v1/life/cadence-rules'), 200).items.map(strip), mine);

  const after = expectJson(await s.admin.get('/api/v1/life/overdue'), 200);
  assert.ok(!missingOf(after, s.yulong.id).includes('theme_day'), 'no 主题党日 rule, no 主题党日 gap');
  // Every branch held one 党课 a quarter: all of them are now short of the second.
  const lecture = after.items.find((u) => u.unit_id === s.yulong.id).missing.find((m) => m.meeting_type === 'party_lecture');
  assert.equal(lecture.required, 2);
  assert.match(lecture.message, /党课1次，应不少于2次$/);
  assert.ok(after.total > before.total);

  // Another hospital keeps the defaults.
  const jb = expectJson(await s.auditor.get(`/api/v1/life/overdue?org=${s.neike.id}`), 200);
  assert.deepEqual(missingOf(jb, s.neike.id), ['branch_assembly']);
  assert.equal(expectJson(await s.secretary.get('/api/v1/life/cadence-rules'), 200).stored, false);

  // Back to the defaults: the list is as it was; both earlier sets are kept, superseded.
  expectJson(await s.admin.put('/api/v1/life/cadence-rules', { rules: defaults.map(strip) }), 200);
  const again = expectJson(await s.admin.get('/api/v1/life/overdue'), 200);
  assert.deepEqual(again.items.map((u) => [u.unit_id, missingOf(again, u.unit_id)]), before.items.map((u) => [u.unit_id, missingOf(before, u.unit_id)]));
  const counts = srv.rows(`SELECT CASE WHEN superseded_at IS NULL THEN 'current' ELSE 'old' END, count(*) FROM life_cadence_rules WHERE tenant_id = ${s.tenant} GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(counts, [['current', '10'], ['old', String(mine.length)]]);
  const audit = srv.rows(`SELECT action, username, before_json, after_json FROM audit_log WHERE record_type = 'life_cadence_rules' AND result = 'ok' ORDER BY seq`);
  assert.equal(audit.length, 2);
  assert.equal(audit[0][0], 'update');
  assert.equal(audit[0][1], 'admin');
  assert.equal(JSON.parse(audit[0][2]).stored, false);
  assert.equal(JSON.parse(audit[0][3]).items.length, mine.length);
});
