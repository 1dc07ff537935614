// Organisation units (docs/party-api.md, "Organisation units"): the tree with its member counts
// and warnings, the paginated list and its filters, one unit with committees and posts, and the
// party office's writes (add, edit, end, 换届) with their errors, roles, scope and tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { idNumber, todayShanghai, addDays, addYears } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const DAZU = '大足区人民医院';
const JB = '重庆市红十字会医院（江北区人民医院）';
const CS = '长寿区人民医院';
const CLI_PASSWORD = 'Zuzhi#Test2026';
const TODAY = todayShanghai();
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;
const enc = encodeURIComponent;

function find(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && (tenantName === undefined || u.tenant_name === tenantName));
  assert.equal(found.length, 1, `exactly one unit ${name} in ${tenantName}: ${JSON.stringify(found.map((u) => u.id))}`);
  return found[0];
}
const subtree = (items, unit) => items.filter((u) => u.tenant_id === unit.tenant_id && u.path.startsWith(unit.path));
const byteCmp = (a, b) => Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));

let seq = 0;
function memberBody(unit_id, over = {}) {
  seq += 1;
  const sex = over.sex || (seq % 2 ? '男' : '女');
  const birth = over.birth || `${1975 + (seq % 20)}-0${1 + (seq % 9)}-1${seq % 9}`;
  return {
    unit_id, name: `组织测试${seq}`, sex, id_number: idNumber({ birth, sex, seq }), ethnicity: '汉族',
    education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01', ...over,
  };
}

async function addMember(c, unit_id, over) {
  const m = expectJson(await c.post('/api/v1/members', memberBody(unit_id, over)), 201);
  return m;
}

function auditRows(tenantId, recordType, recordId) {
  return srv.rows(`SELECT action, result, username, record_type, record_id FROM audit_log WHERE tenant_id = ${q(tenantId)} AND record_type = ${q(recordType)} AND record_id = ${q(recordId)} ORDER BY seq`)
    .map(([action, result, username, record_type, record_id]) => ({ action, result, username, record_type, record_id }));
}

test('setup: sessions and the demo tree', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.root = s.tree.find((u) => u.parent_id === null);
  s.neike = find(s.tree, '内科党总支', DAZU);
  s.waike = find(s.tree, '外科党总支', DAZU);
  s.yulong = find(s.tree, '玉龙镇卫生院党支部', DAZU);
  s.jbNeike = find(s.all, '内科党支部', JB);
  s.jbWaike = find(s.all, '外科党支部', JB);
});

test('tree: 大足 has 430 members, 5 党总支 and 48 党支部 under one 党委; every unit has the documented shape', () => {
  const t = s.tree;
  assert.ok(s.root, 'a root unit');
  assert.equal(t.filter((u) => u.parent_id === null).length, 1, 'one root');
  assert.equal(s.root.kind, 'committee');
  assert.equal(s.root.kind_title, '党委');
  assert.equal(s.root.depth, 0);
  assert.equal(s.root.members, 430);
  assert.equal(s.root.full_members + s.root.probationary_members, 430);
  assert.equal(t.filter((u) => u.kind === 'branch').length, 48);
  assert.equal(t.filter((u) => u.kind === 'general_branch').length, 5);
  const titles = { committee: '党委', general_branch: '党总支', branch: '党支部', group: '党小组' };
  for (const u of t) {
    for (const k of ['id', 'tenant_id', 'tenant_name', 'parent_id', 'name', 'kind', 'kind_title', 'path', 'depth', 'department', 'alliance_member', 'sort_order', 'members', 'full_members', 'probationary_members', 'direct_members', 'secretary', 'committee', 'warnings', 'version']) {
      assert.ok(k in u, `unit ${u.name} has ${k}: ${JSON.stringify(u)}`);
    }
    assert.equal(u.tenant_name, DAZU, `only 大足's units for its admin: ${u.name}`);
    assert.equal(u.kind_title, titles[u.kind], `kind_title of ${u.name}`);
    assert.equal(u.depth, u.path.split('/').filter(Boolean).length - 1, `depth of ${u.name} from ${u.path}`);
    assert.ok(u.path.endsWith(`/${u.id}/`), `path ends with the unit's id: ${u.path}`);
    if (u.parent_id !== null) {
      const parent = t.find((p) => p.id === u.parent_id);
      assert.ok(parent, `parent of ${u.name} is in the tree`);
      assert.equal(u.path, `${parent.path}${u.id}/`, `path of ${u.name} extends its parent's`);
    }
    assert.equal(u.full_members + u.probationary_members, u.members, `full + probationary = members for ${u.name}`);
    assert.ok(Array.isArray(u.warnings));
  }
  // The 医共体 branches name their member hospital.
  const longshui = t.filter((u) => u.alliance_member === '龙水镇中心卫生院');
  assert.ok(longshui.length >= 1, '龙水镇中心卫生院 appears as alliance_member');
});

test('tree: members of each unit = sum of direct_members over its subtree; direct_members = the database count', () => {
  for (const items of [s.tree, s.all]) {
    for (const u of items) {
      const sum = subtree(items, u).reduce((n, x) => n + x.direct_members, 0);
      assert.equal(u.members, sum, `members of ${u.tenant_name} ${u.name} (${u.path})`);
    }
  }
  const counted = new Map(srv.rows("SELECT unit_id, count(*) FROM members WHERE state = 'active' GROUP BY unit_id").map(([id, n]) => [Number(id), Number(n)]));
  for (const u of s.all) assert.equal(u.direct_members, counted.get(u.id) || 0, `direct members of ${u.name}`);
  const jb = s.all.find((u) => u.tenant_name === JB && u.parent_id === null);
  const cs = s.all.find((u) => u.tenant_name === CS && u.parent_id === null);
  assert.equal(jb.members, 138);
  assert.equal(cs.members, 200);
  assert.equal(s.all.filter((u) => u.tenant_name === JB && u.kind === 'branch').map((u) => u.name).sort().join(','),
    ['行政后勤党支部', '内科党支部', '外科党支部', '医技党支部'].sort().join(','));
});

test('tree: ordered by tenant, then path; each unit after its parent', () => {
  for (const items of [s.tree, s.all]) {
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1];
      const b = items[i];
      assert.ok(a.tenant_id < b.tenant_id || (a.tenant_id === b.tenant_id && byteCmp(a.path, b.path) < 0), `order: ${a.path} (${a.tenant_id}) before ${b.path} (${b.tenant_id})`);
    }
    const seen = new Set();
    for (const u of items) {
      if (u.parent_id !== null) assert.ok(seen.has(u.parent_id), `${u.name} after its parent`);
      seen.add(u.id);
    }
  }
  const tenants = [...new Set(s.all.map((u) => u.tenant_name))];
  assert.deepEqual(tenants.slice(1), [DAZU, JB, CS], `the auditor's tree: committee, then the three hospitals: ${tenants}`);
});

test('tree: the warnings the demo produces on purpose, and nothing else', () => {
  const expected = [
    [DAZU, '玉龙镇卫生院党支部', 'branch_too_few_full'],
    [DAZU, '后勤第二党支部', 'secretary_missing'],
    [DAZU, '骨科党支部', 'term_ending'],
    [DAZU, '邮亭镇中心卫生院党支部', 'term_expired'],
    [JB, '医技党支部', 'term_ending'],
    [CS, '康复医学科党支部', 'branch_too_few_full'],
    [CS, '妇产科党支部', 'term_ending'],
    [CS, '后勤党支部', 'term_expired'],
  ];
  const warned = s.all.filter((u) => [DAZU, JB, CS].includes(u.tenant_name) && u.warnings.length > 0)
    .map((u) => [u.tenant_name, u.name, u.warnings.map((w) => w.code).join(',')]);
  assert.deepEqual(warned.map((w) => w.join('|')).sort(), expected.map((w) => w.join('|')).sort());
  for (const u of s.all) {
    for (const w of u.warnings) assert.ok(/[\u4e00-\u9fff]/.test(w.message), `warning message in Chinese: ${JSON.stringify(w)}`);
  }
  const y = s.yulong;
  assert.equal(y.full_members, 2);
  assert.equal(y.probationary_members, 1);
  assert.equal(y.members, 3);
  const hq = find(s.tree, '后勤第二党支部', DAZU);
  assert.equal(hq.secretary, null, 'no 书记 in 后勤第二党支部');
  const ting = find(s.tree, '邮亭镇中心卫生院党支部', DAZU);
  assert.ok(ting.committee && ting.committee.term_ends_on < TODAY, `term expired: ${JSON.stringify(ting.committee)}`);
  const gu = find(s.tree, '骨科党支部', DAZU);
  assert.ok(gu.committee.term_ends_on > TODAY && gu.committee.term_ends_on <= addDays(TODAY, 92), `term ends within 3 months: ${JSON.stringify(gu.committee)}`);
});

test('tree: secretary and committee of 江北 内科党支部 (陈建国, a committee of 5 with a 3-year term)', () => {
  const u = s.jbNeike;
  assert.deepEqual(u.secretary && u.secretary.name, '陈建国');
  assert.equal(typeof u.secretary.member_id, 'number');
  assert.ok(u.committee, 'has a committee');
  assert.equal(u.committee.term_ends_on, addYears(u.committee.elected_on, 3));
  assert.ok(u.committee.size >= 3 && u.committee.size <= 7, `size ${u.committee.size}`);
});

test('GET /org/units: default page, total = the tree, ordered by path', async () => {
  const b = expectJson(await s.admin.get('/api/v1/org/units'), 200);
  assert.equal(b.page, 1);
  assert.equal(b.size, 20);
  assert.equal(b.total, s.tree.length);
  assert.deepEqual(b.items.map((u) => u.id), s.tree.slice(0, 20).map((u) => u.id));
  assert.deepEqual(b.items[0], s.tree[0], 'the same unit objects as the tree');
});

test('GET /org/units filters: org, kind, warning, size_band, q', async () => {
  const get = async (qs) => expectJson(await s.admin.get(`/api/v1/org/units?size=200&${qs}`), 200);
  const org = await get(`org=${s.neike.id}`);
  assert.deepEqual(org.items.map((u) => u.id).sort(), subtree(s.tree, s.neike).map((u) => u.id).sort());
  assert.ok(org.total > 1);
  const branches = await get('kind=branch');
  assert.equal(branches.total, 48);
  assert.ok(branches.items.every((u) => u.kind === 'branch'));
  const gb = await get('kind=general_branch');
  assert.equal(gb.total, 5);
  const any = await get('warning=any');
  assert.deepEqual(any.items.map((u) => u.name).sort(), ['后勤第二党支部', '玉龙镇卫生院党支部', '邮亭镇中心卫生院党支部', '骨科党支部'].sort());
  const expired = await get('warning=term_expired');
  assert.deepEqual(expired.items.map((u) => u.name), ['邮亭镇中心卫生院党支部']);
  const none = await get('warning=branch_too_large');
  assert.equal(none.total, 0);
  const bands = { lt3: [0, 2], '3to6': [3, 6], '7to50': [7, 50], gt50: [51, Infinity] };
  let sum = 0;
  for (const [band, [lo, hi]] of Object.entries(bands)) {
    const r = await get(`kind=branch&size_band=${band}`);
    const want = s.tree.filter((u) => u.kind === 'branch' && u.members >= lo && u.members <= hi).map((u) => u.id).sort();
    assert.deepEqual(r.items.map((u) => u.id).sort(), want, `size_band=${band}`);
    sum += r.total;
  }
  assert.equal(sum, 48, 'the four bands cover every branch');
  const small = await get('size_band=3to6');
  assert.ok(small.items.some((u) => u.id === s.yulong.id), '玉龙镇 (3 members) is 3to6');
  assert.ok(small.items.every((u) => u.members >= 3 && u.members <= 6));
  const yl = await get(`q=${enc('玉龙')}`);
  assert.deepEqual(yl.items.map((u) => u.name), ['玉龙镇卫生院党支部']);
  const groups = await get(`q=${enc('党小组')}`);
  assert.deepEqual(groups.items.map((u) => u.id).sort(), s.tree.filter((u) => u.name.includes('党小组')).map((u) => u.id).sort());
  const combined = await get(`org=${s.neike.id}&kind=branch&q=${enc('党支部')}`);
  assert.deepEqual(combined.items.map((u) => u.id).sort(), subtree(s.tree, s.neike).filter((u) => u.kind === 'branch').map((u) => u.id).sort());
  const nothing = await get(`q=${enc('不存在的组织名')}`);
  assert.equal(nothing.total, 0);
  assert.deepEqual(nothing.items, []);
});

test('GET /org/units sort (path, name, id, members, descending) and paging', async () => {
  const get = async (qs) => expectJson(await s.admin.get(`/api/v1/org/units?size=200&${qs}`), 200).items;
  const path = await get('sort=path');
  assert.deepEqual(path.map((u) => u.id), s.tree.map((u) => u.id));
  const name = await get('sort=name');
  for (let i = 1; i < name.length; i++) assert.ok(byteCmp(name[i - 1].name, name[i].name) <= 0, `name order at ${i}: ${name[i - 1].name} ${name[i].name}`);
  const nameDesc = await get('sort=-name');
  for (let i = 1; i < nameDesc.length; i++) assert.ok(byteCmp(nameDesc[i - 1].name, nameDesc[i].name) >= 0);
  const ids = await get('sort=id');
  assert.deepEqual(ids.map((u) => u.id), s.tree.map((u) => u.id).sort((a, b) => a - b));
  const idsDesc = await get('sort=-id');
  assert.deepEqual(idsDesc.map((u) => u.id), s.tree.map((u) => u.id).sort((a, b) => b - a));
  const members = await get('sort=-members');
  assert.equal(members[0].id, s.root.id, 'the 党委 has the most members');
  for (let i = 1; i < members.length; i++) assert.ok(members[i - 1].members >= members[i].members);
  const p2 = expectJson(await s.admin.get('/api/v1/org/units?sort=id&size=5&page=2'), 200);
  assert.equal(p2.page, 2);
  assert.equal(p2.size, 5);
  assert.equal(p2.total, s.tree.length);
  assert.deepEqual(p2.items.map((u) => u.id), ids.slice(5, 10).map((u) => u.id));
  const beyond = expectJson(await s.admin.get('/api/v1/org/units?page=999'), 200);
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, s.tree.length);
});

test('GET /org/units: each bad value → 400 naming the field', async () => {
  const bad = [
    ['org=abc', 'org'], ['org=-3', 'org'], ['org=1.5', 'org'], ['kind=branches', 'kind'], ['kind=%E5%85%9A%E6%94%AF%E9%83%A8', 'kind'],
    ['warning=all', 'warning'], ['warning=term', 'warning'], ['size_band=gt100', 'size_band'], ['size_band=3-6', 'size_band'],
    ['sort=tenant_id', 'sort'], ['sort=-secret', 'sort'], ['size=0', 'size'], ['size=201', 'size'], ['page=0', 'page'], ['page=x', 'page'],
  ];
  for (const [qs, field] of bad) expectProblem(await s.admin.get(`/api/v1/org/units?${qs}`), 400, field);
  const several = await s.admin.get('/api/v1/org/units?kind=x&warning=y&size_band=z');
  for (const f of ['kind', 'warning', 'size_band']) expectProblem(several, 400, f);
  const unknown = await s.admin.get('/api/v1/org/units?org=987654');
  assert.ok([400, 404].includes(unknown.status), show(unknown));
  expectProblem(unknown, unknown.status, 'org');
});

test('GET /org/units/{id}: the unit with committees (newest first) and current party posts', async () => {
  const u = expectJson(await s.secretary.get(`/api/v1/org/units/${s.jbNeike.id}`), 200);
  assert.equal(u.id, s.jbNeike.id);
  assert.equal(u.name, '内科党支部');
  assert.equal(u.members, s.jbNeike.members);
  assert.ok(Array.isArray(u.committees) && u.committees.length >= 1, `committees: ${JSON.stringify(u.committees)}`);
  const c = u.committees[0];
  for (const k of ['id', 'elected_on', 'term_years', 'term_ends_on', 'members', 'note', 'created_at', 'superseded_at']) assert.ok(k in c, `committee has ${k}`);
  assert.equal(c.id, u.committee.id);
  assert.equal(c.superseded_at, null);
  assert.equal(c.members.length, u.committee.size);
  for (const m of c.members) for (const k of ['member_id', 'name', 'post']) assert.ok(k in m, `committee member has ${k}`);
  assert.ok(Array.isArray(u.posts));
  const shuji = u.posts.filter((p) => p.title === '书记');
  assert.equal(shuji.length, 1, `one 书记: ${JSON.stringify(u.posts)}`);
  assert.equal(shuji[0].name, '陈建国');
  assert.equal(shuji[0].member_id, u.secretary.member_id);
  for (const p of u.posts) for (const k of ['post_id', 'member_id', 'name', 'title', 'started_on']) assert.ok(k in p, `post has ${k}`);
  // The committee's members hold their posts in the unit.
  for (const m of c.members) assert.ok(u.posts.some((p) => p.member_id === m.member_id && p.title === m.post), `${m.name} holds ${m.post}`);
  expectProblem(await s.admin.get('/api/v1/org/units/987654'), 404);
  const ab = await s.admin.get('/api/v1/org/units/abc');
  assert.ok([400, 404].includes(ab.status), show(ab));
});

test('POST /org/units → 201 with the new unit, in the tree, with an audit row', async () => {
  const res = await s.admin.post('/api/v1/org/units', { parent_id: s.neike.id, name: '新设测试党支部', kind: 'branch', department: '老年病科', sort_order: 99 });
  const u = expectJson(res, 201);
  assert.equal(u.parent_id, s.neike.id);
  assert.equal(u.name, '新设测试党支部');
  assert.equal(u.kind, 'branch');
  assert.equal(u.kind_title, '党支部');
  assert.equal(u.department, '老年病科');
  assert.equal(u.sort_order, 99);
  assert.equal(u.path, `${s.neike.path}${u.id}/`);
  assert.equal(u.depth, s.neike.depth + 1);
  assert.equal(u.members, 0);
  assert.equal(u.direct_members, 0);
  assert.equal(u.secretary, null);
  assert.equal(u.committee, null);
  assert.equal(u.version, 1);
  const codes = u.warnings.map((w) => w.code);
  assert.ok(codes.includes('branch_too_few_full') && codes.includes('secretary_missing'), `warnings of an empty branch: ${codes}`);
  s.newBranch = u;
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  assert.ok(tree.some((x) => x.id === u.id && x.name === '新设测试党支部'));
  const rows = auditRows(u.tenant_id, 'org_unit', u.id);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.deepEqual(rows[0], { action: 'create', result: 'ok', username: 'admin', record_type: 'org_unit', record_id: String(u.id) });
  // A 党委 may hold a 党委 (医共体分院党委); a 党支部 may hold a 党小组.
  const cm = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.root.id, name: '测试分院党委', kind: 'committee', alliance_member: '测试镇卫生院' }), 201);
  assert.equal(cm.alliance_member, '测试镇卫生院');
  s.subCommittee = cm;
  const gr = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: u.id, name: '第一党小组', kind: 'group' }), 201);
  assert.equal(gr.kind, 'group');
  assert.equal(gr.warnings.length, 0, '党小组 has no rules');
  s.newGroup = gr;
});

test('POST /org/units: validation errors name the field; nothing is created', async () => {
  const before = srv.sql(`SELECT count(*) FROM org_units`);
  const cases = [
    [{ name: '无上级党支部', kind: 'branch' }, 400, 'parent_id'],
    [{ parent_id: 'x', name: '无上级党支部', kind: 'branch' }, 400, 'parent_id'],
    [{ parent_id: 987654, name: '无上级党支部', kind: 'branch' }, 400, 'parent_id'],
    [{ parent_id: s.neike.id, name: '', kind: 'branch' }, 400, 'name'],
    [{ parent_id: s.neike.id, kind: 'branch' }, 400, 'name'],
    [{ parent_id: s.neike.id, name: '党'.repeat(61), kind: 'branch' }, 400, 'name'],
    [{ parent_id: s.neike.id, name: '未知类型', kind: 'department' }, 400, 'kind'],
    [{ parent_id: s.neike.id, name: '无类型' }, 400, 'kind'],
    [{ parent_id: s.neike.id, name: '排序错误', kind: 'branch', sort_order: 'first' }, 400, 'sort_order'],
    [{ parent_id: s.root.id, name: '党委下的党小组', kind: 'group' }, 400, 'kind'],
    [{ parent_id: s.neike.id, name: '总支下的总支', kind: 'general_branch' }, 400, 'kind'],
    [{ parent_id: s.neike.id, name: '总支下的党小组', kind: 'group' }, 400, 'kind'],
    [{ parent_id: s.yulong.id, name: '支部下的支部', kind: 'branch' }, 400, 'kind'],
    [{ parent_id: s.newGroup.id, name: '小组下的小组', kind: 'group' }, 400, 'kind'],
    // A unit of another hospital is not found from here (no 403 that would reveal it exists).
    [{ parent_id: s.jbNeike.id, name: '跨院党小组', kind: 'group' }, 400, 'parent_id'],
  ];
  for (const [body, status, field] of cases) expectProblem(await s.admin.post('/api/v1/org/units', body), status, field);
  // A current sibling with the same name → 409; the same name under another parent is fine.
  expectProblem(await s.admin.post('/api/v1/org/units', { parent_id: s.neike.id, name: '新设测试党支部', kind: 'branch' }), 409, 'name');
  expectProblem(await s.admin.post('/api/v1/org/units', { parent_id: s.root.id, name: '内科党总支', kind: 'general_branch' }), 409, 'name');
  assert.equal(srv.sql(`SELECT count(*) FROM org_units`), before, 'nothing created');
  const sixty = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.waike.id, name: '党'.repeat(60), kind: 'branch' }), 201);
  assert.equal(sixty.name.length, 60);
  const again = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.waike.id, name: '新设测试党支部', kind: 'branch' }), 201);
  assert.equal(again.parent_id, s.waike.id);
  s.waikeTwin = again;
});

test('POST /org/units: the name limit of 60 characters counts characters, not bytes (61 Latin letters → 400)', async () => {
  const res = await s.admin.post('/api/v1/org/units', { parent_id: s.waike.id, name: 'A'.repeat(61), kind: 'branch' });
  expectProblem(res, 400, 'name');
});

test('POST /org/units: a name of spaces only is no name (400 name)', async () => {
  const res = await s.admin.post('/api/v1/org/units', { parent_id: s.waike.id, name: '   ', kind: 'branch' });
  expectProblem(res, 400, 'name');
});

test('PUT /org/units/{id}: with the current version → 200 and a new version; stale → 409 version', async () => {
  const u = s.newBranch;
  const res = await s.admin.put(`/api/v1/org/units/${u.id}`, { name: '新设测试党支部（改）', department: '老年医学科', sort_order: 7, version: u.version });
  const b = expectJson(res, 200);
  assert.equal(b.name, '新设测试党支部（改）');
  assert.equal(b.department, '老年医学科');
  assert.equal(b.sort_order, 7);
  assert.equal(b.version, u.version + 1);
  assert.equal(b.path, u.path, 'the path does not change');
  expectProblem(await s.admin.put(`/api/v1/org/units/${u.id}`, { name: '被覆盖的名称', version: u.version }), 409, 'version');
  expectProblem(await s.admin.put(`/api/v1/org/units/${u.id}`, { name: '无版本号' }), 400, 'version');
  expectProblem(await s.admin.put(`/api/v1/org/units/${u.id}`, { name: '', version: b.version }), 400, 'name');
  expectProblem(await s.admin.put(`/api/v1/org/units/${s.waikeTwin.id}`, { name: '骨科党支部', version: s.waikeTwin.version }), 409, 'name');
  expectProblem(await s.admin.put('/api/v1/org/units/987654', { name: '无此组织', version: 1 }), 404);
  const now = expectJson(await s.admin.get(`/api/v1/org/units/${u.id}`), 200);
  assert.equal(now.name, '新设测试党支部（改）', 'the stale write changed nothing');
  assert.equal(now.version, b.version);
  const rows = auditRows(u.tenant_id, 'org_unit', u.id).filter((r) => r.result === 'ok');
  assert.deepEqual(rows.map((r) => r.action), ['create', 'update']);
  s.newBranch = now;
});

test('POST /org/units/{id}/end: 409 while members or children, 409 for the root; reason required; an empty unit ends', async () => {
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.yulong.id}/end`, { reason: '撤并' }), 409, 'id');
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.neike.id}/end`, { reason: '撤并' }), 409, 'id');
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.newBranch.id}/end`, { reason: '撤并' }), 409, 'id'); // has a 党小组
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.root.id}/end`, { reason: '撤并' }), 409, 'id');
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.newGroup.id}/end`, {}), 400, 'reason');
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.newGroup.id}/end`, { reason: '' }), 400, 'reason');
  expectProblem(await s.admin.post('/api/v1/org/units/987654/end', { reason: '撤并' }), 404);
  const ended = expectJson(await s.admin.post(`/api/v1/org/units/${s.newGroup.id}/end`, { reason: '党小组合并' }), 200);
  assert.equal(ended.id, s.newGroup.id);
  assert.ok(typeof ended.ended_at === 'string' && ended.ended_at.length > 0, `ended_at: ${JSON.stringify(ended)}`);
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  assert.ok(!tree.some((u) => u.id === s.newGroup.id), 'gone from the tree');
  const list = expectJson(await s.admin.get(`/api/v1/org/units?org=${s.newBranch.id}&size=200`), 200);
  assert.deepEqual(list.items.map((u) => u.id), [s.newBranch.id], 'gone from the list');
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.newGroup.id}/end`, { reason: '再次撤销' }), 409, 'id');
  expectProblem(await s.admin.put(`/api/v1/org/units/${s.newGroup.id}`, { name: '复活', version: ended.version ?? 2 }), 409);
  expectProblem(await s.admin.post('/api/v1/org/units', { parent_id: s.newGroup.id, name: '撤销组织下的党小组', kind: 'group' }), 400, 'parent_id');
  const m = await s.admin.post('/api/v1/members', memberBody(s.newGroup.id));
  expectProblem(m, 400, 'unit_id');
  // The name is free again under the parent; the parent, now without children, can end too.
  expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.newBranch.id, name: '第一党小组', kind: 'group' }), 201);
  assert.equal(auditRows(s.newGroup.tenant_id, 'org_unit', s.newGroup.id).filter((r) => r.result === 'ok').map((r) => r.action).join(','), 'create,end');
});

test('members added to a new branch are counted up the tree', async () => {
  const c = s.admin;
  s.elect = expectJson(await c.post('/api/v1/org/units', { parent_id: s.neike.id, name: '换届测试党支部', kind: 'branch' }), 201);
  s.people = [];
  for (const name of ['换届甲', '换届乙', '换届丙', '换届丁']) s.people.push(await addMember(c, s.elect.id, { name }));
  const tree = expectJson(await c.get('/api/v1/org/tree'), 200).items;
  const unit = tree.find((u) => u.id === s.elect.id);
  assert.equal(unit.members, 4);
  assert.equal(unit.direct_members, 4);
  assert.equal(unit.full_members, 4);
  assert.equal(tree.find((u) => u.id === s.neike.id).members, s.neike.members + 4);
  assert.equal(tree.find((u) => u.parent_id === null).members, 434);
});

test('POST /org/units/{id}/committees (换届): 201; the unit gets its 书记 and committee', async () => {
  const [a, b, , d] = s.people;
  const elected = addDays(TODAY, -30);
  const res = await s.admin.post(`/api/v1/org/units/${s.elect.id}/committees`, {
    elected_on: elected, note: '首届支委会', members: [{ member_id: a.id, post: '书记' }, { member_id: b.id, post: '组织委员' }, { member_id: d.id, post: '纪检委员' }],
  });
  const c = expectJson(res, 201);
  assert.equal(c.elected_on, elected);
  assert.equal(c.term_years, 3, 'default term of a 党支部');
  assert.equal(c.term_ends_on, addYears(elected, 3));
  assert.equal(c.superseded_at, null);
  assert.equal(c.note, '首届支委会');
  assert.deepEqual(c.members.map((m) => [m.member_id, m.name, m.post]), [[a.id, '换届甲', '书记'], [b.id, '换届乙', '组织委员'], [d.id, '换届丁', '纪检委员']]);
  s.firstCommittee = c;
  const u = expectJson(await s.admin.get(`/api/v1/org/units/${s.elect.id}`), 200);
  assert.deepEqual(u.secretary, { member_id: a.id, name: '换届甲' });
  assert.equal(u.committee.id, c.id);
  assert.equal(u.committee.size, 3);
  assert.deepEqual(u.warnings, [], 'four 正式 members, a 书记 and a committee of 3: no warning');
  assert.deepEqual(u.posts.map((p) => `${p.member_id}:${p.title}`).sort(), [`${a.id}:书记`, `${b.id}:组织委员`, `${d.id}:纪检委员`].sort());
  assert.ok(u.posts.every((p) => p.started_on === elected));
});

test('换届 again: the old committee is superseded and kept; posts are renewed; the new 书记 is the secretary', async () => {
  const [a, b, c, d] = s.people;
  const res = await s.admin.post(`/api/v1/org/units/${s.elect.id}/committees`, {
    elected_on: TODAY, term_years: 2, members: [{ member_id: b.id, post: '书记' }, { member_id: a.id, post: '委员' }, { member_id: c.id, post: '宣传委员' }],
  });
  const nc = expectJson(res, 201);
  assert.equal(nc.term_years, 2);
  assert.equal(nc.term_ends_on, addYears(TODAY, 2));
  const u = expectJson(await s.admin.get(`/api/v1/org/units/${s.elect.id}`), 200);
  assert.equal(u.committees.length, 2);
  assert.equal(u.committees[0].id, nc.id, 'newest first');
  assert.equal(u.committees[0].superseded_at, null);
  assert.equal(u.committees[1].id, s.firstCommittee.id);
  assert.ok(typeof u.committees[1].superseded_at === 'string' && u.committees[1].superseded_at.length > 0, 'the old one is superseded');
  assert.deepEqual(u.committees[1].members, s.firstCommittee.members, 'and kept as it was');
  assert.deepEqual(u.secretary, { member_id: b.id, name: '换届乙' });
  assert.deepEqual(u.posts.map((p) => `${p.member_id}:${p.title}`).sort(), [`${b.id}:书记`, `${a.id}:委员`, `${c.id}:宣传委员`].sort());
  const ma = expectJson(await s.admin.get(`/api/v1/members/${a.id}`), 200);
  const oldPost = ma.posts.find((p) => p.title === '书记' && p.unit_id === s.elect.id);
  assert.ok(oldPost, JSON.stringify(ma.posts));
  assert.equal(oldPost.ended_on, TODAY, 'the old 书记 post ends on the election day');
  assert.equal(oldPost.end_reason, '换届');
  assert.ok(ma.posts.some((p) => p.title === '委员' && p.ended_on === null));
  const md = expectJson(await s.admin.get(`/api/v1/members/${d.id}`), 200);
  assert.ok(md.posts.every((p) => p.ended_on !== null), `the member not re-elected holds no post: ${JSON.stringify(md.posts)}`);
  assert.deepEqual(md.party_posts, []);
  const rows = auditRows(u.tenant_id, 'org_unit', s.elect.id).filter((r) => r.result === 'ok').map((r) => r.action);
  assert.deepEqual(rows, ['create', 'elect', 'elect']);
});

test('换届 errors: 书记 missing or twice, a member from elsewhere, a future date, term_years out of 1-5, bad lists', async () => {
  const [a, b, c, d] = s.people;
  const other = expectJson(await s.admin.get(`/api/v1/members?org=${s.yulong.id}&size=1`), 200).items[0];
  const url = `/api/v1/org/units/${s.elect.id}/committees`;
  const ok = { elected_on: TODAY, members: [{ member_id: a.id, post: '书记' }] };
  const cases = [
    [{ ...ok, members: [{ member_id: a.id, post: '委员' }, { member_id: b.id, post: '组织委员' }] }, 400, 'members'],
    [{ ...ok, members: [{ member_id: a.id, post: '书记' }, { member_id: b.id, post: '书记' }] }, 400, 'members'],
    [{ ...ok, members: [] }, 400, 'members'],
    [{ ...ok, members: undefined }, 400, 'members'],
    [{ ...ok, members: Array.from({ length: 10 }, (_, i) => ({ member_id: a.id + i, post: i === 0 ? '书记' : '委员' })) }, 400, 'members'],
    [{ ...ok, members: [{ member_id: a.id, post: '主任' }] }, 400, 'members[0].post'],
    [{ ...ok, members: [{ member_id: a.id, post: '书记' }, { member_id: a.id, post: '委员' }] }, 400, 'members[1].member_id'],
    [{ ...ok, members: [{ member_id: other.id, post: '书记' }] }, 400, 'members[0].member_id'],
    [{ ...ok, members: [{ member_id: a.id, post: '书记' }, { member_id: 987654, post: '委员' }] }, 400, 'members[1].member_id'],
    [{ ...ok, elected_on: addDays(TODAY, 1) }, 400, 'elected_on'],
    [{ ...ok, elected_on: '2024-02-30' }, 400, 'elected_on'],
    [{ ...ok, elected_on: undefined }, 400, 'elected_on'],
    [{ ...ok, term_years: 0 }, 400, 'term_years'],
    [{ ...ok, term_years: 6 }, 400, 'term_years'],
    [{ ...ok, term_years: 'drei' }, 400, 'term_years'],
  ];
  for (const [body, status, field] of cases) expectProblem(await s.admin.post(url, body), status, field);
  expectProblem(await s.admin.post('/api/v1/org/units/987654/committees', ok), 404);
  const group = s.tree.find((u) => u.kind === 'group');
  const gm = expectJson(await s.admin.get(`/api/v1/members?org=${group.id}&size=1`), 200).items[0];
  expectProblem(await s.admin.post(`/api/v1/org/units/${group.id}/committees`, { elected_on: TODAY, members: [{ member_id: gm.id, post: '书记' }] }), 400);
  const u = expectJson(await s.admin.get(`/api/v1/org/units/${s.elect.id}`), 200);
  assert.equal(u.committees.length, 2, 'no committee written by a refused 换届');
  assert.equal(u.secretary.member_id, b.id);
  void c; void d;
});

test('换届 of a 党委: default term 5 years; members may come from units below it', async () => {
  const br = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.subCommittee.id, name: '测试分院第一党支部', kind: 'branch' }), 201);
  const e = await addMember(s.admin, br.id, { name: '分院书记' });
  const c = expectJson(await s.admin.post(`/api/v1/org/units/${s.subCommittee.id}/committees`, { elected_on: addDays(TODAY, -1), members: [{ member_id: e.id, post: '书记' }] }), 201);
  assert.equal(c.term_years, 5);
  assert.equal(c.term_ends_on, addYears(addDays(TODAY, -1), 5));
  const u = expectJson(await s.admin.get(`/api/v1/org/units/${s.subCommittee.id}`), 200);
  assert.equal(u.secretary.name, '分院书记');
  assert.equal(u.members, 1);
  const codes = u.warnings.map((w) => w.code);
  assert.ok(codes.includes('committee_size'), `a 党委 of one: committee_size: ${codes}`);
  assert.ok(codes.includes('committee_too_small'), `a 党委 of one member: committee_too_small: ${codes}`);
  assert.ok(!codes.includes('secretary_missing'));
});

test('换届 dates drive term_expired and term_ending', async () => {
  const br = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.waike.id, name: '任期测试党支部', kind: 'branch' }), 201);
  const m = await addMember(s.admin, br.id, { name: '任期书记' });
  expectJson(await s.admin.post(`/api/v1/org/units/${br.id}/committees`, { elected_on: addDays(TODAY, -400), term_years: 1, members: [{ member_id: m.id, post: '书记' }] }), 201);
  let u = expectJson(await s.admin.get(`/api/v1/org/units/${br.id}`), 200);
  assert.equal(u.committee.term_ends_on, addYears(addDays(TODAY, -400), 1));
  assert.deepEqual(u.warnings.map((w) => w.code).sort(), ['branch_too_few_full', 'committee_size', 'term_expired'].sort());
  const expired = expectJson(await s.admin.get(`/api/v1/org/units?warning=term_expired&org=${s.waike.id}`), 200);
  assert.ok(expired.items.some((x) => x.id === br.id));
  expectJson(await s.admin.post(`/api/v1/org/units/${br.id}/committees`, { elected_on: addDays(addYears(TODAY, -1), 30), term_years: 1, members: [{ member_id: m.id, post: '书记' }] }), 201);
  u = expectJson(await s.admin.get(`/api/v1/org/units/${br.id}`), 200);
  assert.ok(u.warnings.some((w) => w.code === 'term_ending') && !u.warnings.some((w) => w.code === 'term_expired'), JSON.stringify(u.warnings));
});

test('leader reads the organisation but every write is 403', async () => {
  const t = expectJson(await s.leader.get('/api/v1/org/tree'), 200).items;
  const adminTree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  assert.deepEqual(t.map((u) => [u.id, u.members]), adminTree.map((u) => [u.id, u.members]), 'the same tree as the party office');
  assert.equal(t.find((u) => u.parent_id === null).members, 436, '430 + 4 + 1 + 1 added by this file');
  expectJson(await s.leader.get(`/api/v1/org/units/${s.neike.id}`), 200);
  expectJson(await s.leader.get('/api/v1/org/units?kind=branch'), 200);
  expectProblem(await s.leader.post('/api/v1/org/units', { parent_id: s.neike.id, name: '院领导新设', kind: 'branch' }), 403);
  expectProblem(await s.leader.put(`/api/v1/org/units/${s.neike.id}`, { name: '改名', version: 1 }), 403);
  expectProblem(await s.leader.post(`/api/v1/org/units/${s.newBranch.id}/end`, { reason: '撤并' }), 403);
  expectProblem(await s.leader.post(`/api/v1/org/units/${s.elect.id}/committees`, { elected_on: TODAY, members: [{ member_id: s.people[0].id, post: '书记' }] }), 403);
  assert.equal(expectJson(await s.admin.get(`/api/v1/org/units/${s.neike.id}`), 200).name, '内科党总支');
});

test('secretary sees only 内科党支部 and below; another 江北 unit is 404; writes are 403', async () => {
  const t = expectJson(await s.secretary.get('/api/v1/org/tree'), 200).items;
  const want = subtree(s.all, s.jbNeike).map((u) => u.id).sort((a, b) => a - b);
  assert.deepEqual(t.map((u) => u.id).sort((a, b) => a - b), want);
  assert.ok(want.length >= 2, 'the branch and its 党小组');
  assert.equal(t[0].id, s.jbNeike.id, 'its branch first');
  const list = expectJson(await s.secretary.get('/api/v1/org/units?size=200'), 200);
  assert.equal(list.total, want.length);
  expectProblem(await s.secretary.get(`/api/v1/org/units/${s.jbWaike.id}`), 404);
  expectProblem(await s.secretary.get(`/api/v1/org/units/${s.jbNeike.parent_id}`), 404);
  expectProblem(await s.secretary.get(`/api/v1/org/units?org=${s.jbWaike.id}`), 404, 'org');
  expectProblem(await s.secretary.get(`/api/v1/org/units/${s.neike.id}`), 404);
  expectProblem(await s.secretary.post('/api/v1/org/units', { parent_id: s.jbNeike.id, name: '第四党小组', kind: 'group' }), 403);
  expectProblem(await s.secretary.put(`/api/v1/org/units/${s.jbNeike.id}`, { name: '改名', version: 1 }), 403);
});

test('auditor (superior committee) reads the units of every hospital; every write is 403', async () => {
  const names = new Set(s.all.map((u) => u.tenant_name));
  for (const n of [DAZU, JB, CS]) assert.ok(names.has(n), `${n} in the auditor's tree`);
  for (const n of [DAZU, JB, CS]) {
    const root = s.all.find((u) => u.tenant_name === n && u.parent_id === null);
    const u = expectJson(await s.auditor.get(`/api/v1/org/units/${root.id}`), 200);
    assert.equal(u.tenant_name, n);
    assert.ok(u.committees.length >= 1);
  }
  const cs = s.all.find((u) => u.tenant_name === CS && u.name === '后勤党支部');
  const bycs = expectJson(await s.auditor.get(`/api/v1/org/units?org=${cs.id}&size=200`), 200);
  assert.ok(bycs.items.every((u) => u.tenant_name === CS));
  const writes = [
    ['POST', '/api/v1/org/units', { parent_id: s.neike.id, name: '上级新设', kind: 'branch' }],
    ['POST', '/api/v1/org/units', { parent_id: s.all[0].id, name: '上级新设', kind: 'branch' }],
    ['PUT', `/api/v1/org/units/${s.jbNeike.id}`, { name: '改名', version: 1 }],
    ['POST', `/api/v1/org/units/${s.newBranch.id}/end`, { reason: '撤并' }],
    ['POST', `/api/v1/org/units/${s.elect.id}/committees`, { elected_on: TODAY, members: [{ member_id: s.people[0].id, post: '书记' }] }],
  ];
  for (const [m, p, b] of writes) expectProblem(await s.auditor.request(m, p, b), 403);
  assert.equal(expectJson(await s.auditor.get(`/api/v1/org/units/${s.jbNeike.id}`), 200).name, '内科党支部');
});

test('the member role cannot read the organisation (403); without a session 401', async () => {
  expectProblem(await s.member.get('/api/v1/org/tree'), 403);
  expectProblem(await s.member.get('/api/v1/org/units'), 403);
  expectProblem(await s.member.get(`/api/v1/org/units/${s.jbNeike.id}`), 403);
  expectProblem(await new Client(srv.url).get('/api/v1/org/tree'), 401);
});

test("tenant isolation: 大足's admin cannot read or write 江北's units (404)", async () => {
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  assert.ok(tree.every((u) => u.tenant_name === DAZU));
  expectProblem(await s.admin.get(`/api/v1/org/units/${s.jbNeike.id}`), 404);
  expectProblem(await s.admin.put(`/api/v1/org/units/${s.jbNeike.id}`, { name: '跨院改名', version: 1 }), 404);
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.jbWaike.id}/end`, { reason: '跨院撤销' }), 404);
  expectProblem(await s.admin.post(`/api/v1/org/units/${s.jbNeike.id}/committees`, { elected_on: TODAY, members: [{ member_id: 1, post: '书记' }] }), 404);
  const viaOrg = await s.admin.get(`/api/v1/org/units?org=${s.jbNeike.id}`);
  assert.ok([400, 404].includes(viaOrg.status), show(viaOrg));
  assert.equal(srv.sql(`SELECT name FROM org_units WHERE id = ${s.jbNeike.id}`), '内科党支部');
});

test('a party-office user scoped to 内科党总支: tree limited to it; a parent outside the scope → 403 parent_id', async () => {
  const r = srv.qizhi(['user', 'add', 'dz.neike', '--name', '内科总支干事', '--tenant', String(s.root.tenant_id), '--role', 'admin'], { QIZHI_PASSWORD: CLI_PASSWORD });
  assert.equal(r.status, 0, r.output);
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const roles = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items;
  const adminRole = roles.find((x) => x.code === 'admin');
  const uid = Number(srv.sql("SELECT id FROM users WHERE username = 'dz.neike'"));
  expectJson(await sec.put(`/api/v1/users/${uid}/roles`, { roles: [adminRole.id], scopes: [s.neike.id] }), 200);
  const c = await loginAs(srv.url, 'dz.neike', CLI_PASSWORD);
  const t = expectJson(await c.get('/api/v1/org/tree'), 200).items;
  assert.ok(t.length > 1);
  assert.ok(t.every((u) => u.path.startsWith(s.neike.path)), `only 内科党总支 and below: ${t.map((u) => u.path)}`);
  expectProblem(await c.get(`/api/v1/org/units/${s.waike.id}`), 404);
  expectProblem(await c.post('/api/v1/org/units', { parent_id: s.waike.id, name: '越界党支部', kind: 'branch' }), 403, 'parent_id');
  expectProblem(await c.post('/api/v1/org/units', { parent_id: s.root.id, name: '越界党总支', kind: 'general_branch' }), 403, 'parent_id');
  const made = expectJson(await c.post('/api/v1/org/units', { parent_id: s.neike.id, name: '范围内新设党支部', kind: 'branch' }), 201);
  assert.equal(made.parent_id, s.neike.id);
  expectProblem(await c.put(`/api/v1/org/units/${s.waike.id}`, { name: '越界改名', version: 1 }), 404);
});

test('换届 in 江北 内科党支部: a 双任免 书记 not re-elected → 409 members; re-elected → kept, other posts renewed', async () => {
  const r = srv.qizhi(['user', 'add', 'jb.admin', '--name', '江北党办', '--tenant', String(s.jbNeike.tenant_id), '--role', 'admin'], { QIZHI_PASSWORD: CLI_PASSWORD });
  assert.equal(r.status, 0, r.output);
  const c = await loginAs(srv.url, 'jb.admin', CLI_PASSWORD);
  const before = expectJson(await c.get(`/api/v1/org/units/${s.jbNeike.id}`), 200);
  const chen = before.posts.find((p) => p.title === '书记');
  assert.equal(chen.name, '陈建国');
  assert.ok(chen.dual_id, `陈建国's 书记 post is a 双任免 post: ${JSON.stringify(chen)}`);
  const others = before.posts.filter((p) => p.member_id !== chen.member_id);
  assert.ok(others.length >= 1);
  const wang = expectJson(await c.get(`/api/v1/members?q=${enc('王丽娟')}`), 200).items[0];
  const refused = await c.post(`/api/v1/org/units/${s.jbNeike.id}/committees`, {
    elected_on: TODAY, members: [{ member_id: others[0].member_id, post: '书记' }, { member_id: wang.id, post: '组织委员' }],
  });
  expectProblem(refused, 409, 'members');
  const same = expectJson(await c.get(`/api/v1/org/units/${s.jbNeike.id}`), 200);
  assert.equal(same.committees.length, before.committees.length, 'nothing written');
  assert.deepEqual(same.posts, before.posts);
  const ok = expectJson(await c.post(`/api/v1/org/units/${s.jbNeike.id}/committees`, {
    elected_on: TODAY, members: [{ member_id: chen.member_id, post: '书记' }, { member_id: others[0].member_id, post: '副书记' }, { member_id: wang.id, post: '组织委员' }],
  }), 201);
  assert.equal(ok.members.length, 3);
  const after = expectJson(await c.get(`/api/v1/org/units/${s.jbNeike.id}`), 200);
  const chenAfter = after.posts.find((p) => p.title === '书记');
  assert.equal(chenAfter.post_id, chen.post_id, 'the 双任免 post is kept, not renewed');
  assert.equal(chenAfter.started_on, chen.started_on);
  assert.deepEqual(after.posts.map((p) => `${p.member_id}:${p.title}`).sort(), [`${chen.member_id}:书记`, `${others[0].member_id}:副书记`, `${wang.id}:组织委员`].sort());
  assert.equal(after.secretary.name, '陈建国');
  const secView = expectJson(await s.secretary.get(`/api/v1/org/units/${s.jbNeike.id}`), 200);
  assert.equal(secView.committee.id, ok.id, 'the secretary sees the new committee');
});

test('secadmin assigns scopes from the units list but sees no party work: shape only, no counts, warnings or secretaries', async () => {
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const list = expectJson(await sec.get('/api/v1/org/units?size=200'), 200);
  assert.ok(list.total > 50, `大足's units: ${list.total}`);
  for (const u of list.items) {
    assert.deepEqual(Object.keys(u).sort(), ['depth', 'id', 'kind', 'kind_title', 'name', 'parent_id', 'path', 'tenant_id']);
  }
  expectProblem(await sec.get('/api/v1/org/units?warning=any'), 403, 'warning');
  expectProblem(await sec.get('/api/v1/org/units?size_band=lt3'), 403, 'size_band');
  expectProblem(await sec.get('/api/v1/org/units?sort=-members'), 403, 'sort');
  expectProblem(await sec.get('/api/v1/org/tree'), 403);
  // The party office still gets the whole object from the same list.
  const full = expectJson(await s.admin.get('/api/v1/org/units?size=1'), 200).items[0];
  assert.ok('members' in full && 'warnings' in full && 'secretary' in full);
});
