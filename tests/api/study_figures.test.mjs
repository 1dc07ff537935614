// Study in figures (docs/party-api.md, "Figures"): 长寿区人民医院's 2019 as seed 003 reports it —
// 116 集中学习; 党课 by the 党委书记 2, by 班子成员 5, by 支部书记 16; more than ten 主题党日 of
// 不忘初心、牢记使命 — computed from the demo's meeting records, each value and group equal to the
// total of the meeting list its `records` URL opens; and the same figures narrowed by org and period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem, show } from './lib/client.mjs';

const srv = useServer();
const s = {};
const CS = '长寿区人民医院';
const YEAR = { from: '2019-01-01', to: '2019-12-31' };
const qs = (o) => new URLSearchParams(o).toString();

async function figure(c, name, params) {
  return expectJson(await c.get(`/api/v1/figures/${name}?${qs(params)}`), 200);
}
// Every number a figure shows is the total of the list it opens.
async function checkRecords(c, f) {
  const total = async (url) => expectJson(await c.get(`${url}${url.includes('?') ? '&' : '?'}size=1`), 200).total;
  assert.equal(await total(f.records), f.value, `${f.name} ${f.records}`);
  for (const g of f.groups) assert.equal(await total(g.records), g.value, `${f.name} / ${g.label}: ${g.records}`);
}

test('setup: the superior committee reads 长寿', async () => {
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.root = all.find((u) => u.tenant_name === CS && u.kind === 'committee');
  assert.ok(s.root, 'the 长寿 党委');
  s.branch = all.find((u) => u.tenant_name === CS && u.kind === 'branch');
  const cat = expectJson(await s.auditor.get('/api/v1/figures'), 200).items.map((f) => f.name);
  for (const n of ['study_sessions', 'party_lectures_by_level', 'theme_days_by_campaign', 'meetings_by_type']) assert.ok(cat.includes(n), n);
});

test('seed 003: 116 集中学习 in 2019', async () => {
  const f = await figure(s.auditor, 'study_sessions', { org: s.root.id, ...YEAR });
  assert.equal(f.value, 116, show({ body: f }));
  assert.match(f.records, /^\/api\/v1\/meetings\?/);
  await checkRecords(s.auditor, f);
});

test('seed 003: 党课 by the 党委书记 2, 班子成员 5, 支部书记 16', async () => {
  const f = await figure(s.auditor, 'party_lectures_by_level', { org: s.root.id, ...YEAR });
  const by = Object.fromEntries(f.groups.map((g) => [g.key, g.value]));
  assert.equal(by['党委书记'], 2);
  assert.equal(by['班子成员'], 5);
  assert.equal(by['支部书记'], 16);
  assert.equal(f.value, 23);
  await checkRecords(s.auditor, f);
});

test('seed 003: more than ten 主题党日 of 不忘初心、牢记使命', async () => {
  const f = await figure(s.auditor, 'theme_days_by_campaign', { org: s.root.id, ...YEAR });
  const g = f.groups.find((x) => x.key === '不忘初心、牢记使命');
  assert.ok(g && g.value > 10, show({ body: f }));
  await checkRecords(s.auditor, f);
});

test('narrowed: one branch, one quarter; every type of meeting; the list agrees', async () => {
  const q1 = { org: s.branch.id, from: '2019-01-01', to: '2019-03-31' };
  const year = await figure(s.auditor, 'study_sessions', { org: s.branch.id, ...YEAR });
  const quarter = await figure(s.auditor, 'study_sessions', q1);
  assert.ok(quarter.value < year.value && year.value < 116, `${quarter.value} < ${year.value} < 116`);
  await checkRecords(s.auditor, quarter);
  const types = await figure(s.auditor, 'meetings_by_type', { org: s.root.id, ...YEAR });
  assert.equal(types.groups.find((g) => g.key === 'study').value, 116);
  assert.equal(types.value, types.groups.reduce((n, g) => n + g.value, 0), 'every meeting has one of the types');
  await checkRecords(s.auditor, types);
});

test('scope: 大足 sees none of 长寿; the secretary\'s figures count their branch only; bad filters are refused', async () => {
  expectProblem(await s.admin.get(`/api/v1/figures/study_sessions?org=${s.root.id}`), 404);
  const own = await figure(s.admin, 'study_sessions', YEAR);
  assert.equal(own.value, 0, '大足 has no 2019 study records in the demo');
  const sec = await figure(s.secretary, 'meetings_by_type', {});
  await checkRecords(s.secretary, sec);
  assert.ok(sec.value > 0, 'the branch holds meetings');
  const list = expectJson(await s.secretary.get('/api/v1/meetings?size=200'), 200);
  const mine = new Set(expectJson(await s.secretary.get('/api/v1/org/tree'), 200).items.map((u) => u.id));
  assert.ok(list.items.every((m) => mine.has(m.unit_id)), 'the records are the branch\'s');
  expectProblem(await s.auditor.get('/api/v1/figures/study_sessions?from=2019-13-01'), 400, 'from');
});
