// Branch quantitative scoring and commendations (docs/openapi.yaml, tag scoring): checklists as
// versioned data (六有 and 支部工作 by default), inspections scored per item with corrections and
// voids, the weights and live ranking of the annual assessment, finalising a year, commendations
// with revocation, the `commendations` figure (seed 002: 江北 1 先进党支部, 3 优秀党务工作者,
// 18 优秀共产党员), and who may do what (roles, branch scope, tenant isolation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YESTERDAY = addDays(TODAY, -1);
// The year of the latest 七一, when the demo roster and the scoring demo hold their commendations.
const SEED_YEAR = TODAY.slice(5) >= '07-01' ? Number(TODAY.slice(0, 4)) : Number(TODAY.slice(0, 4)) - 1;
const fullScores = (c) => c.items.map((i) => ({ code: i.code, score: i.max_score }));
const total = async (c, url) => expectJson(await c.get(url), 200).total;
const audited = (type, id, action) =>
  srv.rows(`SELECT action FROM audit_log WHERE record_type = '${type}' AND record_id = '${id}' AND action = '${action}' AND result = 'ok'`);

test('setup: sessions, units and checklists of the demo', async () => {
  for (const u of ['admin', 'secretary', 'auditor', 'leader', 'member']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.jbRoot = s.all.find((u) => u.tenant_name === JB && u.parent_id === null);
  s.neike = findUnit(s.all, '内科党支部', JB);
  s.waike = findUnit(s.all, '外科党支部', JB);
  s.dazu = s.all.filter((u) => u.tenant_name === DAZU && u.kind === 'branch');
  s.dazuBranch = s.dazu[0];
  const lists = expectJson(await s.admin.get('/api/v1/scoring/checklists'), 200);
  s.liuyou = lists.items.find((c) => c.code === 'liuyou');
  s.work = lists.items.find((c) => c.code === 'branch_work');
  assert.ok(s.liuyou && s.work, 'both default checklists');
});

test('seed 002: 江北 commended 1 先进党支部, 3 优秀党务工作者, 18 优秀共产党员, and each figure equals its list', async () => {
  const f = expectJson(await s.auditor.get(`/api/v1/figures/commendations?org=${s.jbRoot.id}&year=${SEED_YEAR}`), 200);
  assert.equal(f.value, 22);
  assert.deepEqual(f.groups.map((g) => [g.key, g.label, g.value]), [
    ['advanced_branch', '先进党支部', 1], ['outstanding_worker', '优秀党务工作者', 3], ['outstanding_member', '优秀共产党员', 18]]);
  assert.match(f.records, /^\/api\/v1\/commendations\?/);
  assert.equal(await total(s.auditor, f.records), f.value);
  for (const g of f.groups) assert.equal(await total(s.auditor, g.records), g.value, g.records);
  const members = expectJson(await s.auditor.get(`/api/v1/commendations?org=${s.jbRoot.id}&year=${SEED_YEAR}&kind=outstanding_member&size=50`), 200);
  assert.equal(members.items.length, 18);
  assert.ok(members.items.every((c) => c.member_id && c.kind_title === '优秀共产党员' && c.decided_on === `${SEED_YEAR}-07-01` && !c.revoked));
  assert.equal(new Set(members.items.map((c) => c.member_id)).size, 18, 'eighteen different members');
  // The figure is in the catalogue, with its filters.
  const cat = expectJson(await s.admin.get('/api/v1/figures'), 200).items.find((x) => x.name === 'commendations');
  assert.deepEqual(cat.filters.map((x) => x.name), ['org', 'year', 'kind']);
  expectProblem(await s.auditor.get('/api/v1/figures/commendations?year=1999'), 400, 'year');
  expectProblem(await s.admin.get(`/api/v1/figures/commendations?org=${s.jbRoot.id}`), 404);
});

test('checklists: 六有 by default; a save is a new version, the old one kept', async () => {
  assert.deepEqual(s.liuyou.items.map((i) => i.title), ['有制度', '有党旗', '有誓词', '有专栏', '有电脑', '有台账']);
  assert.equal(s.liuyou.max_total, 60);
  assert.equal(s.liuyou.current, true);
  const body = { code: 'venue_extra', title: '阵地补充检查', items: [{ code: 'light', title: '照明', max_score: 5, guidance: '灯光明亮' }] };
  const v1 = expectJson(await s.admin.post('/api/v1/scoring/checklists', body), 201);
  assert.equal(v1.version, 1);
  const v2 = expectJson(await s.admin.post('/api/v1/scoring/checklists', { ...body, items: [...body.items, { code: 'seat', title: '座椅', max_score: 5 }] }), 201);
  assert.equal(v2.version, 2);
  assert.equal(v2.max_total, 10);
  const old = expectJson(await s.admin.get(`/api/v1/scoring/checklists/${v1.id}`), 200);
  assert.equal(old.current, false);
  assert.equal(old.items.length, 1);
  const current = expectJson(await s.admin.get('/api/v1/scoring/checklists'), 200).items.filter((c) => c.code === 'venue_extra');
  assert.deepEqual(current.map((c) => c.id), [v2.id]);
  assert.equal(audited('score_checklist', v2.id, 'create').length, 1);

  const bad = await s.admin.post('/api/v1/scoring/checklists', { code: 'Bad', title: '', items: [{ code: 'a', title: '甲', max_score: 0 }] });
  for (const f of ['code', 'title', 'items[0].max_score']) expectProblem(bad, 400, f);
  expectProblem(await s.admin.post('/api/v1/scoring/checklists', { code: 'x', title: '空', items: [] }), 400, 'items');
  expectProblem(await s.secretary.post('/api/v1/scoring/checklists', body), 403);
  expectProblem(await s.leader.post('/api/v1/scoring/checklists', body), 403);
  // Another hospital's checklist is unknown.
  const jbList = expectJson(await s.auditor.get(`/api/v1/scoring/inspections?org=${s.jbRoot.id}&size=1`), 200).items[0];
  expectProblem(await s.admin.get(`/api/v1/scoring/checklists/${jbList.checklist_id}`), 404);
});

test('inspections: scored per item within each maximum, totals, audited', async () => {
  const scores = fullScores(s.liuyou);
  scores[1] = { code: 'flag', score: 7, note: '党旗褪色，需更换' };
  const body = { unit_id: s.dazuBranch.id, checklist_id: s.liuyou.id, date: YESTERDAY, note: '季度检查', scores };
  const i = expectJson(await s.admin.post('/api/v1/scoring/inspections', body), 201);
  assert.equal(i.total, 57);
  assert.equal(i.max_total, 60);
  assert.equal(i.state, 'active');
  assert.equal(i.inspector_name, '刘晓燕');
  assert.equal(i.items.find((x) => x.code === 'flag').note, '党旗褪色，需更换');
  assert.deepEqual(i.items.map((x) => x.title), ['有制度', '有党旗', '有誓词', '有专栏', '有电脑', '有台账']);
  assert.equal(audited('score_inspection', i.id, 'create').length, 1);
  s.inspection = i;
  const list = expectJson(await s.admin.get(`/api/v1/scoring/inspections?org=${s.dazuBranch.id}&from=${YESTERDAY}&to=${YESTERDAY}`), 200);
  assert.deepEqual(list.items.map((x) => x.id), [i.id]);
  assert.equal(list.total, 1);

  const cases = [
    [{ scores: scores.map((x, k) => (k === 0 ? { ...x, score: 11 } : x)) }, 'scores[0].score', /有制度的得分应在 0 至 10 分之间/],
    [{ scores: scores.map((x, k) => (k === 2 ? { ...x, score: -1 } : x)) }, 'scores[2].score', /有誓词/],
    [{ scores: scores.slice(0, 5) }, 'scores', /有台账/],
    [{ scores: [...scores, { code: 'piano', score: 1 }] }, 'scores[6].code', /没有该检查项目/],
    [{ scores: scores.map((x, k) => (k === 0 ? { ...x, score: '十' } : x)) }, 'scores[0].score', /整数/],
    [{ date: addDays(TODAY, 1) }, 'date', /不能晚于今天/],
    [{ date: '2026-02-30' }, 'date', /YYYY-MM-DD/],
    [{ checklist_id: 999999 }, 'checklist_id', /检查表不存在/],
    [{ unit_id: s.neike.id }, 'unit_id', null],  // 江北's unit: unknown to 大足
    [{ unit_id: undefined }, 'unit_id', /请选择/],
  ];
  for (const [over, field, message] of cases) {
    const r = await s.admin.post('/api/v1/scoring/inspections', { ...body, ...over });
    const p = expectProblem(r, 400, field);
    if (message) assert.match(JSON.stringify(p), message, field);
  }
  const root = s.all.find((u) => u.tenant_name === DAZU && u.parent_id === null);
  expectProblem(await s.admin.post('/api/v1/scoring/inspections', { ...body, unit_id: root.id }), 400, 'unit_id');
});

test('inspections: a correction supersedes, a void needs a reason, nothing is deleted', async () => {
  const body = { unit_id: s.dazuBranch.id, checklist_id: s.liuyou.id, date: YESTERDAY, scores: fullScores(s.liuyou), corrects_id: s.inspection.id };
  const fixed = expectJson(await s.admin.post('/api/v1/scoring/inspections', body), 201);
  assert.equal(fixed.corrects_id, s.inspection.id);
  assert.equal(fixed.total, 60);
  const old = expectJson(await s.admin.get(`/api/v1/scoring/inspections/${s.inspection.id}`), 200);
  assert.equal(old.state, 'superseded');
  assert.equal(old.superseded_by, fixed.id);
  assert.equal(old.total, 57);
  expectProblem(await s.admin.post('/api/v1/scoring/inspections', body), 400, 'corrects_id');
  const all = expectJson(await s.admin.get(`/api/v1/scoring/inspections?org=${s.dazuBranch.id}&from=${YESTERDAY}&state=all`), 200);
  assert.deepEqual(all.items.map((x) => x.id).sort(), [s.inspection.id, fixed.id].sort());

  expectProblem(await s.admin.post(`/api/v1/scoring/inspections/${fixed.id}/void`, { reason: ' ' }), 400, 'reason');
  const voided = expectJson(await s.admin.post(`/api/v1/scoring/inspections/${fixed.id}/void`, { reason: '录入错误' }), 200);
  assert.equal(voided.state, 'void');
  assert.equal(voided.void_reason, '录入错误');
  expectProblem(await s.admin.post(`/api/v1/scoring/inspections/${fixed.id}/void`, { reason: '再次' }), 409);
  assert.equal(audited('score_inspection', fixed.id, 'void').length, 1);
  const active = expectJson(await s.admin.get(`/api/v1/scoring/inspections?org=${s.dazuBranch.id}&from=${YESTERDAY}`), 200);
  assert.equal(active.total, 0);
});

test('inspections: refusals by role, branch scope and hospital', async () => {
  const body = { unit_id: s.neike.id, checklist_id: s.liuyou.id, date: YESTERDAY, scores: fullScores(s.liuyou) };
  expectProblem(await s.secretary.post('/api/v1/scoring/inspections', body), 403);
  expectProblem(await s.leader.post('/api/v1/scoring/inspections', body), 403);
  expectProblem(await s.auditor.post('/api/v1/scoring/inspections', body), 403);
  expectProblem(await s.member.get('/api/v1/scoring/inspections'), 403);
  const waike = expectJson(await s.auditor.get(`/api/v1/scoring/inspections?org=${s.waike.id}&size=1`), 200).items[0];
  const neike = expectJson(await s.auditor.get(`/api/v1/scoring/inspections?org=${s.neike.id}&size=1`), 200).items[0];
  assert.ok(waike && neike, 'the demo inspected 江北 branches');
  // The secretary reads the own branch, not the next one; 大足's admin reads neither.
  expectJson(await s.secretary.get(`/api/v1/scoring/inspections/${neike.id}`), 200);
  expectProblem(await s.secretary.get(`/api/v1/scoring/inspections/${waike.id}`), 404);
  expectProblem(await s.secretary.get(`/api/v1/scoring/inspections?org=${s.waike.id}`), 404, 'org');
  expectProblem(await s.admin.get(`/api/v1/scoring/inspections/${neike.id}`), 404);
  const mine = expectJson(await s.secretary.get('/api/v1/scoring/inspections?size=200'), 200);
  assert.ok(mine.total > 0 && mine.items.every((x) => x.unit_id === s.neike.id));
});

test('assessment: weights as configured, absent measures renormalised, ties share a rank', async () => {
  const year = SEED_YEAR;
  const a = expectJson(await s.admin.get(`/api/v1/scoring/assessment?year=${year}`), 200);
  assert.deepEqual(a.weights, { inspection: 40, meetings: 30, study: 15, dues: 15 });
  assert.equal(a.finalised, null);
  assert.equal(a.items.length, s.dazu.length);
  for (const it of a.items) {
    const v = it.measures.values;
    // Dues are measured where the branch had dues for months already ended.
    assert.equal(it.measures.used.includes('dues'), v.dues !== null, JSON.stringify(it.measures));
    // The score is the weighted mean of the measures used, with their weights renormalised.
    const w = { inspection: 40, meetings: 30, study: 15, dues: 15 };
    const used = it.measures.used;
    if (used.length) {
      const num = used.reduce((n, k) => n + w[k] * v[k], 0);
      const den = used.reduce((n, k) => n + w[k], 0);
      assert.equal(it.score, Math.floor((2 * num + den) / (2 * den)), JSON.stringify(it));
      assert.equal(it.score_text, `${Math.floor(it.score / 10)}.${it.score % 10}`);
    }
  }
  // The dues measure of a branch is its members' on-time months over their months owed, from their ledgers.
  const branch = a.items.find((x) => x.measures.values.dues !== null);
  assert.ok(branch, 'the demo hospitals pay dues');
  const members = expectJson(await s.admin.get(`/api/v1/members?org=${branch.unit_id}&size=200`), 200).items;
  const thisMonth = todayShanghai().slice(0, 7);
  let due = 0;
  let onTime = 0;
  for (const m of members) {
    const l = expectJson(await s.admin.get(`/api/v1/dues/members/${m.id}/ledger?year=${year}`), 200);
    for (const x of l.months) {
      if (x.month >= thisMonth || x.due_fen <= 0) continue;
      due += 1;
      onTime += x.on_time ? 1 : 0;
    }
  }
  assert.ok(due > 0);
  assert.equal(branch.measures.values.dues, Math.floor((2000 * onTime + due) / (2 * due)), `${onTime}/${due}`);
  const scored = a.items.filter((x) => x.score !== null);
  for (let k = 1; k < scored.length; k++) {
    assert.ok(scored[k - 1].score >= scored[k].score);
    assert.equal(scored[k].rank, scored[k - 1].score === scored[k].score ? scored[k - 1].rank : k + 1);
  }
  // New weights change the ranking's arithmetic; bad weights are refused.
  expectProblem(await s.admin.put('/api/v1/scoring/weights', { year, weights: { inspection: 40, meetings: 30, study: 15, dues: 10 } }), 400, 'weights');
  expectProblem(await s.admin.put('/api/v1/scoring/weights', { year, weights: { inspection: 140, meetings: -40, study: 0, dues: 0 } }), 400, 'weights.inspection');
  expectProblem(await s.admin.put('/api/v1/scoring/weights', { year: 1999, weights: { inspection: 100, meetings: 0, study: 0, dues: 0 } }), 400, 'year');
  expectProblem(await s.leader.put('/api/v1/scoring/weights', { year, weights: { inspection: 100, meetings: 0, study: 0, dues: 0 } }), 403);
  expectJson(await s.admin.put('/api/v1/scoring/weights', { year, weights: { inspection: 100, meetings: 0, study: 0, dues: 0 } }), 200);
  const only = expectJson(await s.admin.get(`/api/v1/scoring/assessment?year=${year}`), 200);
  for (const it of only.items) {
    if (it.measures.values.inspection === null) assert.equal(it.score, null);
    else assert.equal(it.score, it.measures.values.inspection);
    assert.deepEqual(it.measures.missing, it.measures.values.inspection === null ? ['inspection'] : []);
  }
  expectJson(await s.admin.put('/api/v1/scoring/weights', { year, weights: { inspection: 40, meetings: 30, study: 15, dues: 15 } }), 200);
  expectProblem(await s.admin.get('/api/v1/scoring/assessment?year=20x6'), 400, 'year');
  expectProblem(await s.admin.get(`/api/v1/scoring/assessment?year=${year}&org=${s.neike.id}`), 404, 'org');
  // The auditor reads a hospital below by naming it; the secretary sees the own branch only.
  const jb = expectJson(await s.auditor.get(`/api/v1/scoring/assessment?year=${year}&org=${s.jbRoot.id}`), 200);
  assert.ok(jb.items.some((x) => x.unit_id === s.neike.id) && jb.items.some((x) => x.unit_id === s.waike.id));
  const sec = expectJson(await s.secretary.get(`/api/v1/scoring/assessment?year=${year}`), 200);
  assert.deepEqual(sec.items.map((x) => x.unit_id), [s.neike.id]);
});

test('finalise: once, irreversibly, audited; later records no longer move the decided ranking', async () => {
  const year = SEED_YEAR;
  expectProblem(await s.leader.post('/api/v1/scoring/assessment/finalise', { year }), 403);
  expectProblem(await s.admin.post('/api/v1/scoring/assessment/finalise', { year: 'last' }), 400, 'year');
  const f = expectJson(await s.admin.post('/api/v1/scoring/assessment/finalise', { year }), 201);
  assert.equal(f.items.length, s.dazu.length);
  assert.equal(f.finalised_by, '刘晓燕');
  assert.equal(audited('score_assessment', f.id, 'finalise').length, 1);
  expectProblem(await s.admin.post('/api/v1/scoring/assessment/finalise', { year }), 409, 'year');
  expectProblem(await s.admin.put('/api/v1/scoring/weights', { year, weights: { inspection: 100, meetings: 0, study: 0, dues: 0 } }), 409, 'year');
  // A poor inspection of the top branch in that year changes the live ranking, not the decided one.
  const top = f.items[0];
  const zero = s.liuyou.items.map((i) => ({ code: i.code, score: 0 }));
  const date = year === Number(TODAY.slice(0, 4)) ? YESTERDAY : `${year}-12-01`;
  expectJson(await s.admin.post('/api/v1/scoring/inspections', { unit_id: top.unit_id, checklist_id: s.liuyou.id, date, scores: zero }), 201);
  const after = expectJson(await s.admin.get(`/api/v1/scoring/assessment?year=${year}`), 200);
  assert.deepEqual(after.finalised.items, f.items);
  const live = after.items.find((x) => x.unit_id === top.unit_id);
  assert.ok(live.measures.values.inspection < JSON.parse(JSON.stringify(top)).measures.values.inspection);
  s.topResult = top;
});

test('commendations: add from the ranking, refuse duplicates, revoke with a reason', async () => {
  const year = SEED_YEAR;
  const basis = '中共大足区人民医院委员会《关于表彰先进党支部的决定》';
  const on = `${year}-07-01` <= TODAY ? `${year}-07-01` : TODAY;
  const branch = s.topResult;
  const existing = expectJson(await s.admin.get(`/api/v1/commendations?year=${year}&kind=advanced_branch`), 200);
  for (const c of existing.items) expectJson(await s.admin.post(`/api/v1/commendations/${c.id}/revoke`, { reason: '按考核结果重新评定' }), 200);
  const c = expectJson(await s.admin.post('/api/v1/commendations', {
    kind: 'advanced_branch', year, decided_on: on, basis, unit_id: branch.unit_id, assessment_result_id: branch.result_id,
  }), 201);
  assert.equal(c.name, branch.unit_name);
  assert.equal(c.kind_title, '先进党支部');
  assert.equal(c.assessment_result_id, branch.result_id);
  assert.equal(audited('commendation', c.id, 'create').length, 1);
  expectProblem(await s.admin.post('/api/v1/commendations', { kind: 'advanced_branch', year, decided_on: on, basis, unit_id: branch.unit_id }), 409, 'unit_id');

  const member = expectJson(await s.admin.get(`/api/v1/members?org=${s.dazuBranch.id}&size=1`), 200).items[0];
  const m = expectJson(await s.admin.post('/api/v1/commendations', { kind: 'outstanding_worker', year, decided_on: on, basis, member_id: member.id }), 201);
  assert.equal(m.member_id, member.id);
  assert.equal(m.name, member.name);
  const cases = [
    [{ kind: 'hero' }, 'kind'], [{ year: 1999 }, 'year'], [{ year: undefined }, 'year'], [{ decided_on: addDays(TODAY, 1) }, 'decided_on'],
    [{ basis: '' }, 'basis'], [{ member_id: undefined }, 'member_id'], [{ member_id: 99999999 }, 'member_id'],
    [{ kind: 'advanced_branch', member_id: undefined }, 'unit_id'],
    [{ kind: 'advanced_branch', unit_id: s.neike.id }, 'unit_id'],  // 江北's branch: unknown to 大足
    [{ kind: 'advanced_branch', unit_id: s.dazuBranch.id, assessment_result_id: 99999999 }, 'assessment_result_id'],
  ];
  for (const [over, field] of cases) {
    const r = await s.admin.post('/api/v1/commendations', { kind: 'outstanding_member', year, decided_on: on, basis, member_id: member.id, ...over });
    expectProblem(r, 400, field);
  }
  expectProblem(await s.secretary.post('/api/v1/commendations', { kind: 'outstanding_member', year, decided_on: on, basis, member_id: member.id }), 403);

  const before = expectJson(await s.admin.get(`/api/v1/figures/commendations?year=${year}&kind=outstanding_worker`), 200).value;
  expectProblem(await s.admin.post(`/api/v1/commendations/${m.id}/revoke`, {}), 400, 'reason');
  const r = expectJson(await s.admin.post(`/api/v1/commendations/${m.id}/revoke`, { reason: '发现违纪问题，撤销表彰' }), 200);
  assert.equal(r.revoked, true);
  assert.equal(r.revoke_reason, '发现违纪问题，撤销表彰');
  expectProblem(await s.admin.post(`/api/v1/commendations/${m.id}/revoke`, { reason: '再次' }), 409);
  assert.equal(audited('commendation', m.id, 'revoke').length, 1);
  const fig = expectJson(await s.admin.get(`/api/v1/figures/commendations?year=${year}&kind=outstanding_worker`), 200);
  assert.equal(fig.value, before - 1);
  assert.equal(await total(s.admin, fig.records), fig.value);
  const revoked = expectJson(await s.admin.get(`/api/v1/commendations?year=${year}&state=revoked`), 200);
  assert.ok(revoked.items.some((x) => x.id === m.id));
  // Both rows stay: the award and its revocation.
  assert.equal(srv.rows(`SELECT id FROM commendations WHERE id = ${m.id} OR revokes_id = ${m.id}`).length, 2);
  expectProblem(await s.admin.get('/api/v1/commendations?kind=hero'), 400, 'kind');
  expectProblem(await s.admin.get('/api/v1/commendations?year=abcd'), 400, 'year');
});

test('commendations: tenant isolation and branch scope', async () => {
  const jb = expectJson(await s.auditor.get(`/api/v1/commendations?org=${s.jbRoot.id}&year=${SEED_YEAR}&size=50`), 200).items;
  const outside = jb.find((c) => !s.all.find((u) => u.id === c.unit_id).path.startsWith(s.neike.path));
  expectProblem(await s.admin.get(`/api/v1/commendations/${jb[0].id}`), 404);
  expectProblem(await s.admin.post(`/api/v1/commendations/${jb[0].id}/revoke`, { reason: '越权' }), 404);
  expectProblem(await s.secretary.get(`/api/v1/commendations/${outside.id}`), 404);
  const mine = expectJson(await s.secretary.get(`/api/v1/commendations?year=${SEED_YEAR}&size=50`), 200);
  assert.ok(mine.items.every((c) => s.all.find((u) => u.id === c.unit_id).path.startsWith(s.neike.path)));
  expectProblem(await s.member.get('/api/v1/commendations'), 403);
});
