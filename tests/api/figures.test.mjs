// Figures (docs/party-api.md, "Figures"): the catalogue, and for every figure under several filter
// combinations and callers, the rule that makes a figure trustworthy — its value is exactly the
// `total` of the list its `records` URL opens, and so is each group's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { idNumber, todayShanghai, addDays } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const DAZU = '大足区人民医院';
const JB = '重庆市红十字会医院（江北区人民医院）';
const CS = '长寿区人民医院';
const TODAY = todayShanghai();
const MEMBER_FIGURES = ['members_by_unit', 'members_by_status', 'members_by_age_band', 'members_by_post'];
const UNIT_FIGURES = ['branches_by_size_band', 'units_with_warnings'];
const ALL = [...MEMBER_FIGURES, ...UNIT_FIGURES];

function find(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && u.tenant_name === tenantName);
  assert.equal(found.length, 1, `one unit ${name} in ${tenantName}`);
  return found[0];
}
const qs = (params) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
const withSize1 = (url) => `${url}${url.includes('?') ? '&' : '?'}size=1`;

async function figure(c, name, params = {}) {
  const p = qs(params);
  return expectJson(await c.get(`/api/v1/figures/${name}${p ? `?${p}` : ''}`), 200);
}

// The figure's value and each group's equal the totals of their records lists.
async function checkFigure(c, name, params, who) {
  const f = await figure(c, name, params);
  const label = `${who} ${name} ${JSON.stringify(params)}`;
  for (const k of ['name', 'title', 'unit', 'value', 'records', 'filters', 'groups']) assert.ok(k in f, `${label}: has ${k}`);
  assert.equal(f.name, name);
  assert.ok(Number.isInteger(f.value) && f.value >= 0, `${label}: value ${f.value}`);
  const base = MEMBER_FIGURES.includes(name) ? '/api/v1/members' : '/api/v1/org/units';
  assert.ok(f.records.startsWith(`${base}`), `${label}: records ${f.records}`);
  for (const [k, v] of Object.entries(params)) {
    if (k === 'to' && UNIT_FIGURES.includes(name)) continue;
    assert.equal(f.filters[k], v, `${label}: filter ${k} applied: ${JSON.stringify(f.filters)}`);
  }
  const list = expectJson(await c.get(withSize1(f.records)), 200);
  assert.equal(list.total, f.value, `${label}: value = total of ${f.records}`);
  assert.ok(Array.isArray(f.groups) && f.groups.length > 0, `${label}: groups`);
  let sum = 0;
  for (const g of f.groups) {
    for (const k of ['key', 'label', 'value', 'records']) assert.ok(k in g, `${label}: group has ${k}`);
    assert.ok(g.records.startsWith(base), `${label}: group records ${g.records}`);
    const t = expectJson(await c.get(withSize1(g.records)), 200).total;
    assert.equal(t, g.value, `${label}: group ${g.key} (${g.label}) value ${g.value} = total of ${g.records}`);
    assert.ok(g.value <= f.value || name === 'members_by_unit', `${label}: group ${g.key} ≤ value`);
    sum += g.value;
  }
  // How the groups add up: a partition for these four, overlapping for posts and warnings.
  if (['members_by_unit', 'members_by_status', 'members_by_age_band', 'branches_by_size_band'].includes(name)) {
    assert.equal(sum, f.value, `${label}: the groups add up to the value`);
  } else {
    assert.ok(sum >= f.value, `${label}: every counted record is in some group (${sum} ≥ ${f.value})`);
  }
  return f;
}

test('setup: sessions and units', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.root = s.tree.find((u) => u.parent_id === null);
  s.neike = find(s.tree, '内科党总支', DAZU);
  s.branchWithGroups = s.tree.find((u) => u.kind === 'branch' && s.tree.some((g) => g.parent_id === u.id));
  assert.ok(s.branchWithGroups, 'a 大足 branch with 党小组');
  s.jbRoot = s.all.find((u) => u.tenant_name === JB && u.parent_id === null);
  s.jbNeike = find(s.all, '内科党支部', JB);
  s.csRoot = s.all.find((u) => u.tenant_name === CS && u.parent_id === null);
});

test('GET /figures: the catalogue holds the six party figures with their filters', async () => {
  const b = expectJson(await s.admin.get('/api/v1/figures'), 200);
  // Other areas add their own figures (development_*, life_*), each tested in its area's file.
  const party = b.items.filter((f) => ALL.includes(f.name));
  assert.deepEqual(party.map((f) => f.name).sort(), [...ALL].sort());
  for (const f of party) {
    assert.ok(/[\u4e00-\u9fff]/.test(f.title), `Chinese title: ${f.title}`);
    assert.ok(['人', '个'].includes(f.unit), `unit ${f.unit}`);
    const names = f.filters.map((x) => x.name);
    assert.deepEqual(names, MEMBER_FIGURES.includes(f.name) ? ['org', 'to'] : ['org'], `${f.name} filters`);
    for (const x of f.filters) {
      assert.ok(['org', 'date', 'enum'].includes(x.type), JSON.stringify(x));
      assert.equal(x.type, x.name === 'org' ? 'org' : 'date');
      assert.ok(/[\u4e00-\u9fff]/.test(x.title));
    }
  }
  assert.equal(b.items.find((f) => f.name === 'members_by_unit').unit, '人');
  assert.equal(b.items.find((f) => f.name === 'branches_by_size_band').unit, '个');
  expectJson(await s.leader.get('/api/v1/figures'), 200);
  expectJson(await s.secretary.get('/api/v1/figures'), 200);
  expectJson(await s.auditor.get('/api/v1/figures'), 200);
});

test('admin, no filter: 430 members, 48 branches, the four units with warnings; each figure = its list', async () => {
  const v = {};
  for (const name of ALL) v[name] = await checkFigure(s.admin, name, {}, 'admin');
  assert.equal(v.members_by_unit.value, 430);
  assert.equal(v.members_by_status.value, 430);
  assert.equal(v.members_by_age_band.value, 430);
  assert.equal(v.branches_by_size_band.value, 48);
  assert.equal(v.units_with_warnings.value, 4);
  assert.deepEqual(v.units_with_warnings.groups.filter((g) => g.value > 0).map((g) => g.key).sort(), ['branch_too_few_full', 'secretary_missing', 'term_ending', 'term_expired'].sort());
  assert.deepEqual(v.members_by_status.groups.map((g) => g.key), ['正式', '预备']);
  assert.equal(v.members_by_status.groups.find((g) => g.key === '预备').value, s.root.probationary_members);
  assert.deepEqual(v.members_by_age_band.groups.map((g) => g.key), ['le30', '31to35', '36to45', '46to55', '56to60', 'gt60']);
  // Without org: the caller's scope, i.e. the 党委 opened into its children (plus 本级 when it holds members).
  const children = s.tree.filter((u) => u.parent_id === s.root.id);
  assert.deepEqual(v.members_by_unit.groups.map((g) => g.key).sort(), [...children.map((u) => String(u.id)), ...(s.root.direct_members > 0 ? ['direct'] : [])].sort());
  for (const u of children) assert.equal(v.members_by_unit.groups.find((g) => g.key === String(u.id)).value, u.members, u.name);
  const held = Number(srv.sql(`SELECT count(DISTINCT member_id) FROM member_posts WHERE tenant_id = ${s.root.tenant_id} AND kind = 'party' AND ended_on IS NULL`));
  assert.equal(v.members_by_post.value, held);
  assert.equal(v.members_by_post.groups.find((g) => g.key === '书记').value, Number(srv.sql(`SELECT count(DISTINCT member_id) FROM member_posts WHERE tenant_id = ${s.root.tenant_id} AND kind = 'party' AND title = '书记' AND ended_on IS NULL`)));
  s.before = v;
});

test('admin, org = a 党总支: groups are its branches (and 本级 only when it has members itself)', async () => {
  for (const name of ALL) await checkFigure(s.admin, name, { org: String(s.neike.id) }, 'admin');
  const f = await figure(s.admin, 'members_by_unit', { org: String(s.neike.id) });
  assert.equal(f.value, s.neike.members);
  const children = s.tree.filter((u) => u.parent_id === s.neike.id);
  assert.deepEqual(f.groups.map((g) => g.key).sort(), children.map((u) => String(u.id)).sort(), 'one group per child unit, no 本级 (none recorded in the 党总支)');
  for (const g of f.groups) assert.equal(g.value, children.find((u) => String(u.id) === g.key).members, `group ${g.label}`);
  const b = await figure(s.admin, 'branches_by_size_band', { org: String(s.neike.id) });
  assert.equal(b.value, s.tree.filter((u) => u.kind === 'branch' && u.path.startsWith(s.neike.path)).length);
});

test('admin, org = a branch with 党小组: groups are the 党小组 and 本级', async () => {
  const u = s.branchWithGroups;
  for (const name of ALL) await checkFigure(s.admin, name, { org: String(u.id) }, 'admin');
  const f = await figure(s.admin, 'members_by_unit', { org: String(u.id) });
  assert.equal(f.value, u.members);
  const direct = f.groups.find((g) => g.key === 'direct');
  if (u.direct_members > 0) {
    assert.ok(direct, `本级 group: ${JSON.stringify(f.groups)}`);
    assert.equal(direct.label, '本级');
    assert.equal(direct.value, u.direct_members);
    assert.match(direct.records, /direct=1/);
  } else {
    assert.equal(direct, undefined);
  }
  const b = await figure(s.admin, 'branches_by_size_band', { org: String(u.id) });
  assert.equal(b.value, 1);
});

test('admin, to = a past date: fewer members than today; each figure = its list on that date', async () => {
  const past = '2020-06-30';
  for (const name of MEMBER_FIGURES) await checkFigure(s.admin, name, { to: past }, 'admin');
  await checkFigure(s.admin, 'members_by_status', { to: past, org: String(s.neike.id) }, 'admin');
  const then = await figure(s.admin, 'members_by_unit', { to: past });
  assert.ok(then.value < s.before.members_by_unit.value, `${then.value} < ${s.before.members_by_unit.value}`);
  assert.ok(then.value > 0);
  assert.match(then.records, /to=2020-06-30/);
});

test('auditor: figures across the three hospitals, and for one of them', async () => {
  const v = {};
  for (const name of ALL) v[name] = await checkFigure(s.auditor, name, {}, 'auditor');
  const roots = s.all.filter((u) => u.parent_id === null);
  assert.equal(v.members_by_unit.value, roots.reduce((n, u) => n + u.members, 0));
  assert.equal(v.members_by_unit.value, 430 + 138 + 200);
  for (const h of [s.jbRoot, s.csRoot]) assert.ok(v.members_by_unit.groups.some((g) => g.key === String(h.id) && g.value === h.members), `a group for ${h.tenant_name}`);
  assert.equal(v.units_with_warnings.value, s.all.filter((u) => u.warnings.length > 0).length);
  for (const name of ALL) await checkFigure(s.auditor, name, { org: String(s.jbRoot.id) }, 'auditor');
  assert.equal((await figure(s.auditor, 'members_by_unit', { org: String(s.jbRoot.id) })).value, 138);
  assert.equal((await figure(s.auditor, 'branches_by_size_band', { org: String(s.jbRoot.id) })).value, 4);
  await checkFigure(s.auditor, 'members_by_age_band', { org: String(s.csRoot.id), to: '2023-12-31' }, 'auditor');
});

test('secretary: figures of the branch only', async () => {
  const v = {};
  for (const name of ALL) v[name] = await checkFigure(s.secretary, name, {}, 'secretary');
  assert.equal(v.members_by_unit.value, s.jbNeike.members);
  const groups = s.all.filter((u) => u.parent_id === s.jbNeike.id);
  assert.deepEqual(v.members_by_unit.groups.map((g) => g.key).sort(), [...groups.map((u) => String(u.id)), ...(s.jbNeike.direct_members > 0 ? ['direct'] : [])].sort(), 'the branch opened into its 党小组');
  assert.equal(v.branches_by_size_band.value, 1);
  assert.equal(v.members_by_status.value, s.jbNeike.members);
  for (const name of ['members_by_status', 'branches_by_size_band']) {
    expectProblem(await s.secretary.get(`/api/v1/figures/${name}?org=${s.jbRoot.id}`), 404, 'org');
  }
});

test('leader: the same figures as the party office', async () => {
  for (const name of ['members_by_unit', 'units_with_warnings']) {
    const a = await figure(s.admin, name);
    const l = await figure(s.leader, name);
    assert.equal(l.value, a.value);
    assert.deepEqual(l.groups.map((g) => g.value), a.groups.map((g) => g.value));
  }
});

test('unknown figure → 404; bad org → 400 or 404 naming org; bad to → 400; member → 403; no session → 401', async () => {
  expectProblem(await s.admin.get('/api/v1/figures/members_by_shoe_size'), 404);
  expectProblem(await s.admin.get('/api/v1/figures/MEMBERS_BY_UNIT'), 404);
  for (const name of ALL) {
    expectProblem(await s.admin.get(`/api/v1/figures/${name}?org=abc`), 400, 'org');
    expectProblem(await s.admin.get(`/api/v1/figures/${name}?org=-1`), 400, 'org');
    const foreign = await s.admin.get(`/api/v1/figures/${name}?org=${s.jbNeike.id}`);
    assert.ok([400, 404].includes(foreign.status), show(foreign));
    expectProblem(foreign, foreign.status, 'org');
    const missing = await s.admin.get(`/api/v1/figures/${name}?org=987654`);
    assert.ok([400, 404].includes(missing.status), show(missing));
    expectProblem(missing, missing.status, 'org');
  }
  for (const name of MEMBER_FIGURES) {
    expectProblem(await s.admin.get(`/api/v1/figures/${name}?to=2024-13-01`), 400, 'to');
    expectProblem(await s.admin.get(`/api/v1/figures/${name}?to=31.12.2024`), 400, 'to');
  }
  expectProblem(await s.member.get('/api/v1/figures'), 403);
  expectProblem(await s.member.get('/api/v1/figures/members_by_unit'), 403);
  expectProblem(await new Client(srv.url).get('/api/v1/figures/members_by_unit'), 401);
});

test('figures are live: after adding a member, members_by_status rises by one (and its 正式 group)', async () => {
  const before = await figure(s.admin, 'members_by_status');
  const byUnit = await figure(s.admin, 'members_by_unit', { org: String(s.neike.id) });
  const branch = s.tree.find((u) => u.parent_id === s.neike.id && u.kind === 'branch');
  const m = expectJson(await s.admin.post('/api/v1/members', {
    unit_id: branch.id, name: '统计新增', sex: '男', id_number: idNumber({ birth: '1988-08-18', sex: '男', seq: 77 }), ethnicity: '汉族',
    education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2012-07-01', full_on: '2013-07-01',
  }), 201);
  assert.ok(m.id);
  const after = await figure(s.admin, 'members_by_status');
  assert.equal(after.value, before.value + 1);
  assert.equal(after.groups.find((g) => g.key === '正式').value, before.groups.find((g) => g.key === '正式').value + 1);
  assert.equal(after.groups.find((g) => g.key === '预备').value, before.groups.find((g) => g.key === '预备').value);
  const unitAfter = await figure(s.admin, 'members_by_unit', { org: String(s.neike.id) });
  assert.equal(unitAfter.value, byUnit.value + 1);
  assert.equal(unitAfter.groups.find((g) => g.key === String(branch.id)).value, byUnit.groups.find((g) => g.key === String(branch.id)).value + 1);
  await checkFigure(s.admin, 'members_by_status', {}, 'admin after adding');
  // Before the member's unit period began (joined_on 2012), the figure for 2011 does not count them.
  const y2011 = await figure(s.admin, 'members_by_status', { to: '2011-12-31' });
  const y2011list = expectJson(await s.admin.get('/api/v1/members?size=200&to=2011-12-31&q=' + encodeURIComponent('统计新增')), 200);
  assert.equal(y2011list.total, 0);
  assert.ok(y2011.value < after.value);
  // A member who leaves today is no longer counted today.
  expectJson(await s.admin.post(`/api/v1/members/${m.id}/leave`, { kind: '其他', left_on: TODAY, reason: '统计测试' }), 200);
  assert.equal((await figure(s.admin, 'members_by_status')).value, before.value);
  const yesterday = await checkFigure(s.admin, 'members_by_status', { to: addDays(TODAY, -1) }, 'admin after leaving');
  assert.equal(expectJson(await s.admin.get(`/api/v1/members?size=1&to=${addDays(TODAY, -1)}&q=${encodeURIComponent('统计新增')}`), 200).total, 1, 'still on yesterday\'s roll');
  assert.ok(yesterday.value >= before.value, 'yesterday still counts the member who left today');
});

test('members_by_unit on a past date: a unit ended since then still has its group, so the groups add up', async () => {
  const u = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.neike.id, name: '已撤并党支部', kind: 'branch' }), 201);
  const m = expectJson(await s.admin.post('/api/v1/members', {
    unit_id: u.id, name: '撤并前党员', sex: '女', id_number: idNumber({ birth: '1986-06-16', sex: '女', seq: 78 }), ethnicity: '汉族',
    education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2012-07-01', full_on: '2013-07-01', unit_since: '2020-01-01',
  }), 201);
  const target = s.tree.find((x) => x.parent_id === s.neike.id && x.kind === 'branch');
  expectJson(await s.admin.post(`/api/v1/members/${m.id}/transfers`, { kind: 'between', to_unit_id: target.id, letter_no: '撤并〔2026〕1号', issued_on: TODAY, effective_on: TODAY }), 201);
  expectJson(await s.admin.post(`/api/v1/org/units/${u.id}/end`, { reason: '支部撤并' }), 200);
  const f = await checkFigure(s.admin, 'members_by_unit', { org: String(s.neike.id), to: '2021-01-01' }, 'admin, ended unit');
  assert.ok(f.groups.some((g) => g.key === String(u.id) && g.value === 1), `a group for the ended unit: ${JSON.stringify(f.groups.map((g) => [g.key, g.label, g.value]))}`);
});
