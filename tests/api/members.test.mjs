// Members (docs/party-api.md, "Members"): the roster list and its filters, one member's record with
// its tabs, the audited read of personal data, adding and editing with the rules of
// party/members/rules.hpp, posts and 双任免, rewards, family, transfers and leaving, and who may do
// what (roles, scope, tenant isolation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { idNumber, withBadCheck, checkChar, todayShanghai, addDays, maskId, maskPhone } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const DAZU = '大足区人民医院';
const JB = '重庆市红十字会医院（江北区人民医院）';
const CS = '长寿区人民医院';
const TODAY = todayShanghai();
const YESTERDAY = addDays(TODAY, -1);
const enc = encodeURIComponent;
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;
const MASKED_ID = /^\d{3}\*{11}\d{3}[\dX]$/;
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
const FULL_ID = /\d{17}[\dX]/;

let seq = 0;
// A valid member body (正式, joined 2015) for `unit_id`; `over` replaces fields.
function body(unit_id, over = {}) {
  seq += 1;
  const sex = over.sex || (seq % 2 ? '男' : '女');
  const birth = over.birth || `${1970 + (seq % 25)}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 27)).padStart(2, '0')}`;
  const b = {
    unit_id, name: `测试${seq}号`, sex, id_number: idNumber({ birth, sex, seq }), ethnicity: '汉族', native_place: '重庆市大足区',
    education: '大学本科', category: '在岗职工', job: '主治医师', phone: `139${String(10000000 + seq * 7919).slice(-8)}`,
    status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01', hardship: false, flowing: false,
  };
  delete over.birth;
  return { ...b, ...over };
}
async function add(c, unit_id, over) {
  return expectJson(await c.post('/api/v1/members', body(unit_id, over)), 201);
}
function find(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && u.tenant_name === tenantName);
  assert.equal(found.length, 1, `one unit ${name} in ${tenantName}`);
  return found[0];
}
async function list(c, qs = '') {
  return expectJson(await c.get(`/api/v1/members?size=200${qs ? '&' + qs : ''}`), 200);
}
async function total(c, qs = '') {
  return expectJson(await c.get(`/api/v1/members?size=1${qs ? '&' + qs : ''}`), 200).total;
}
function auditRows(tenantId, recordId, action) {
  return srv.rows(`SELECT action, result, username, after_json FROM audit_log WHERE tenant_id = ${q(tenantId)} AND record_type = 'member' AND record_id = ${q(recordId)}${action ? ` AND action = ${q(action)}` : ''} ORDER BY seq`)
    .map(([a, result, username, after]) => ({ action: a, result, username, after }));
}
const ageOn = (birth, on) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
const dbCount = (where) => Number(srv.sql(`SELECT count(*) FROM members WHERE ${where}`));

test('setup: sessions, units and people of the demo', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.root = s.tree.find((u) => u.parent_id === null);
  s.tenant = s.root.tenant_id;
  s.neike = find(s.tree, '内科党总支', DAZU);
  const branches = s.tree.filter((u) => u.parent_id === s.neike.id && u.kind === 'branch' && u.secretary);
  assert.ok(branches.length >= 2, 'two branches with a 书记 under 内科党总支');
  [s.b1, s.b2] = branches;
  s.yulong = find(s.tree, '玉龙镇卫生院党支部', DAZU);
  const waike = find(s.tree, '外科党总支', DAZU);
  s.waikeBranch = s.tree.find((u) => u.parent_id === waike.id && u.kind === 'branch');
  s.jbNeike = find(s.all, '内科党支部', JB);
  s.jbWaike = find(s.all, '外科党支部', JB);
  s.jbTenant = s.jbNeike.tenant_id;
  const chen = expectJson(await s.secretary.get(`/api/v1/members?q=${enc('陈建国')}`), 200).items;
  assert.equal(chen.length, 1);
  s.chen = chen[0];
  s.wang = expectJson(await s.secretary.get(`/api/v1/members?q=${enc('王丽娟')}`), 200).items[0];
  s.jbWaikeMember = expectJson(await s.auditor.get(`/api/v1/members?org=${s.jbWaike.id}&size=1`), 200).items[0];
  assert.ok(s.jbWaikeMember, 'a member of 江北 外科党支部');
});

test('list: default page of 大足, masked personal data, ordered by unit then name', async () => {
  const d = expectJson(await s.admin.get('/api/v1/members'), 200);
  assert.equal(d.total, 430);
  assert.equal(d.page, 1);
  assert.equal(d.size, 20);
  assert.equal(d.items.length, 20);
  const keys = ['id', 'tenant_id', 'unit_id', 'unit_name', 'name', 'sex', 'id_number', 'birth_date', 'age', 'ethnicity', 'education', 'category', 'job', 'phone', 'status', 'joined_on', 'full_on', 'hardship', 'flowing', 'state', 'left_on', 'left_kind', 'party_posts', 'hospital_posts', 'version'];
  for (const m of d.items) {
    for (const k of keys) assert.ok(k in m, `item has ${k}: ${JSON.stringify(m)}`);
    assert.equal(m.tenant_id, s.tenant);
    assert.match(m.id_number, MASKED_ID, `masked ID number: ${m.id_number}`);
    assert.ok(m.phone === null || MASKED_PHONE.test(m.phone), `masked phone: ${m.phone}`);
    assert.equal(m.state, 'active');
    assert.ok(['正式', '预备'].includes(m.status));
    assert.ok(Array.isArray(m.party_posts) && Array.isArray(m.hospital_posts));
  }
  const page = await list(s.admin);
  assert.ok(!FULL_ID.test(JSON.stringify(page)), 'no full ID number anywhere in the list');
  const path = new Map(s.tree.map((u) => [u.id, u.path]));
  const cmp = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  for (let i = 1; i < page.items.length; i++) {
    const a = page.items[i - 1];
    const b = page.items[i];
    const c = cmp(path.get(a.unit_id), path.get(b.unit_id));
    assert.ok(c < 0 || (c === 0 && cmp(a.name, b.name) <= 0), `unit, then name order: ${a.name} (${path.get(a.unit_id)}) before ${b.name} (${path.get(b.unit_id)})`);
  }
});

test('list item: absent values are null (job, phone, full_on of a 预备, left_on and left_kind of an active member)', async () => {
  const m = await add(s.admin, s.waikeBranch.id, { name: '空值测试', phone: '', job: '', status: '预备', joined_on: addDays(TODAY, -100), full_on: '' });
  const item = (await list(s.admin, `q=${enc('空值测试')}`)).items[0];
  assert.equal(item.id, m.id);
  assert.equal(item.phone, null, 'phone null when none');
  assert.equal(item.job, null);
  assert.equal(item.full_on, null);
  assert.equal(item.left_on, null);
  assert.equal(item.left_kind, null);
  assert.equal(m.left_on, null, 'also in the detail');
  assert.equal(m.phone, null);
});

test('list filters: org, direct, status, age_band, sex, education, category, hardship, flowing, post', async () => {
  const c = s.admin;
  const org = await total(c, `org=${s.neike.id}`);
  assert.equal(org, s.neike.members);
  const items = (await list(c, `org=${s.b1.id}`)).items;
  const sub = new Set(s.tree.filter((u) => u.path.startsWith(s.b1.path)).map((u) => u.id));
  assert.ok(items.length > 0 && items.every((m) => sub.has(m.unit_id)));
  assert.equal(await total(c, `org=${s.neike.id}&direct=1`), 0, 'a 党总支 holds no member itself');
  const withGroups = s.tree.find((u) => u.kind === 'branch' && s.tree.some((g) => g.parent_id === u.id));
  if (withGroups) assert.equal(await total(c, `org=${withGroups.id}&direct=1`), withGroups.direct_members);
  assert.equal(await total(c, `org=${s.yulong.id}&direct=1`), 3);

  const all = await total(c);
  const full = await list(c, `status=${enc('正式')}&org=${s.b1.id}`);
  assert.ok(full.items.every((m) => m.status === '正式'));
  const prob = await total(c, `status=${enc('预备')}`);
  assert.equal(prob + await total(c, `status=${enc('正式')}`), all);
  assert.equal(prob, (await list(c, `status=${enc('预备')}`)).items.filter((m) => m.status === '预备').length);

  const bands = { le30: [0, 30], '31to35': [31, 35], '36to45': [36, 45], '46to55': [46, 55], '56to60': [56, 60], gt60: [61, 200] };
  let sum = 0;
  for (const [band, [lo, hi]] of Object.entries(bands)) {
    const r = await list(c, `age_band=${band}`);
    assert.ok(r.items.every((m) => m.age >= lo && m.age <= hi), `ages in ${band}: ${r.items.map((m) => m.age)}`);
    sum += r.total;
  }
  assert.equal(sum, all, 'the six age bands cover everyone');

  const men = await list(c, `sex=${enc('男')}`);
  assert.ok(men.items.every((m) => m.sex === '男'));
  assert.equal(men.total + await total(c, `sex=${enc('女')}`), all);
  const t = s.tenant;
  for (const [param, value, where] of [
    ['education', '研究生', `education = '研究生'`],
    ['category', '离退休人员', `category = '离退休人员'`],
    ['hardship', '1', 'hardship = 1'],
    ['flowing', '1', 'flowing = 1'],
  ]) {
    const r = await list(c, `${param}=${enc(value)}`);
    const expected = dbCount(`tenant_id = ${t} AND state = 'active' AND ${where}`);
    assert.ok(expected > 0, `the demo has members with ${param}=${value}`);
    assert.equal(r.total, expected, `${param}=${value}`);
    for (const m of r.items) assert.equal(String(m[param] === true ? 1 : m[param]), value === '1' ? '1' : value);
  }
  const shuji = await list(c, `post=${enc('书记')}`);
  const held = Number(srv.sql(`SELECT count(DISTINCT member_id) FROM member_posts WHERE tenant_id = ${t} AND kind = 'party' AND title = '书记' AND ended_on IS NULL`));
  assert.equal(shuji.total, held);
  assert.ok(shuji.items.every((m) => m.party_posts.includes('书记')));
  const anyPost = await list(c, 'post=any');
  assert.equal(anyPost.total, Number(srv.sql(`SELECT count(DISTINCT member_id) FROM member_posts WHERE tenant_id = ${t} AND kind = 'party' AND ended_on IS NULL`)));
  assert.ok(anyPost.items.every((m) => m.party_posts.length > 0));
  const combo = await list(c, `org=${s.neike.id}&sex=${enc('女')}&status=${enc('正式')}`);
  assert.ok(combo.items.every((m) => m.sex === '女' && m.status === '正式' && s.tree.find((u) => u.id === m.unit_id).path.startsWith(s.neike.path)));
});

test('list: q finds by name and by the full 18-digit ID number; sort fields; paging', async () => {
  const c = s.admin;
  const sample = (await list(c, 'sort=id')).items[37];
  const byName = await list(c, `q=${enc(sample.name)}`);
  assert.ok(byName.items.some((m) => m.id === sample.id));
  assert.ok(byName.items.every((m) => m.name.includes(sample.name)));
  const part = sample.name.slice(1);
  assert.ok((await list(c, `q=${enc(part)}`)).items.every((m) => m.name.includes(part)));
  const pii = expectJson(await c.get(`/api/v1/members/${sample.id}/pii`), 200);
  const byId = await list(c, `q=${pii.id_number}`);
  assert.deepEqual(byId.items.map((m) => m.id), [sample.id]);
  if (pii.id_number.endsWith('X')) assert.equal(await total(c, `q=${pii.id_number.toLowerCase()}`), 1);
  assert.equal(await total(c, `q=${idNumber({ birth: '1960-01-01', seq: 499 })}`), 0, 'an unknown valid number finds nobody');
  // The secretary cannot find a 大足 member by number.
  assert.equal(await total(s.secretary, `q=${pii.id_number}`), 0);

  const mono = (items, key, desc) => {
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1][key];
      const b = items[i][key];
      const c2 = typeof a === 'number' ? a - b : Buffer.compare(Buffer.from(a), Buffer.from(b));
      assert.ok(desc ? c2 >= 0 : c2 <= 0, `sort ${desc ? '-' : ''}${key} at ${i}: ${a} / ${b}`);
    }
  };
  for (const key of ['name', 'joined_on', 'birth_date', 'id']) {
    mono((await list(c, `sort=${key}`)).items, key, false);
    mono((await list(c, `sort=-${key}`)).items, key, true);
  }
  const ids = (await list(c, 'sort=id')).items.map((m) => m.id);
  const p3 = expectJson(await c.get('/api/v1/members?sort=id&size=7&page=3'), 200);
  assert.equal(p3.page, 3);
  assert.equal(p3.size, 7);
  assert.deepEqual(p3.items.map((m) => m.id), ids.slice(14, 21));
  const beyond = expectJson(await c.get('/api/v1/members?page=1000'), 200);
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, p3.total);
});

test('list: each bad filter → 400 naming it', async () => {
  const bad = [
    ['org=abc', 'org'], ['org=0', 'org'], ['direct=2', 'direct'], ['direct=1', 'direct'],
    ['to=2024-13-01', 'to'], ['to=20240101', 'to'], ['to=yesterday', 'to'], ['from=2024-02-30', 'from'],
    [`status=${enc('党员')}`, 'status'], ['age_band=30to40', 'age_band'], [`post=${enc('院长')}`, 'post'],
    ['sex=M', 'sex'], [`education=${enc('博士')}`, 'education'], [`category=${enc('教师')}`, 'category'],
    ['hardship=yes', 'hardship'], ['flowing=2', 'flowing'], ['state=gone', 'state'],
    [`q=${withBadCheck(idNumber({ birth: '1980-01-01', seq: 3 }))}`, 'q'],
    ['sort=phone', 'sort'], ['sort=-id_number', 'sort'], ['size=0', 'size'], ['size=500', 'size'], ['page=-1', 'page'],
  ];
  for (const [qs, field] of bad) expectProblem(await s.admin.get(`/api/v1/members?${qs}`), 400, field);
  const several = await s.admin.get(`/api/v1/members?status=x&sex=y&age_band=z`);
  for (const f of ['status', 'sex', 'age_band']) expectProblem(several, 400, f);
  expectProblem(await s.admin.get(`/api/v1/members?org=${s.jbNeike.id}`), 404, 'org');
  expectProblem(await s.admin.get('/api/v1/members?org=987654'), 404, 'org');
});

test('GET /members/{id}: the detail with its tabs', async () => {
  const d = expectJson(await s.secretary.get(`/api/v1/members/${s.chen.id}`), 200);
  for (const k of ['native_place', 'hardship_note', 'flow_to', 'flow_since', 'left_reason', 'unit_path', 'posts', 'rewards', 'family', 'units', 'transfers', 'status_history']) {
    assert.ok(k in d, `detail has ${k}`);
  }
  assert.equal(d.name, '陈建国');
  assert.equal(d.sex, '男');
  assert.equal(d.phone, '139****4567');
  assert.match(d.id_number, MASKED_ID);
  assert.ok(d.unit_path.startsWith(s.jbNeike.path));
  const party = d.posts.find((p) => p.kind === 'party' && p.title === '书记');
  const hospital = d.posts.find((p) => p.kind === 'hospital' && p.title === '科主任');
  assert.ok(party && hospital, `书记 and 科主任: ${JSON.stringify(d.posts)}`);
  assert.ok(party.dual_id && party.dual_id === hospital.dual_id, '双任免 pair shares dual_id');
  assert.equal(party.unit_id, s.jbNeike.id);
  assert.equal(party.unit_name, '内科党支部');
  assert.equal(hospital.department, '内科');
  for (const k of ['id', 'kind', 'title', 'unit_id', 'unit_name', 'department', 'started_on', 'ended_on', 'appoint_doc', 'end_doc', 'end_reason', 'dual_id']) assert.ok(k in party, `post has ${k}`);
  assert.deepEqual(d.party_posts, ['书记']);
  assert.deepEqual(d.hospital_posts, ['科主任']);
  assert.equal(d.units.length, 1);
  assert.equal(d.units[0].start_kind, 'joined');
  assert.equal(d.units[0].ended_on, null);
  assert.equal(d.units[0].unit_id, d.unit_id);
  assert.deepEqual(d.status_history.map((h) => [h.status, h.since]), [['预备', d.joined_on], ['正式', d.full_on]]);
  assert.deepEqual(d.transfers, []);
  expectProblem(await s.admin.get('/api/v1/members/987654'), 404);
});

test('GET /members/{id}/pii: admin gets the full values and an audit row read_pii; others 403', async () => {
  const m = (await list(s.admin, 'sort=id')).items[5];
  const res = await s.admin.get(`/api/v1/members/${m.id}/pii`);
  const p = expectJson(res, 200);
  assert.match(p.id_number, /^\d{17}[\dX]$/);
  assert.equal(checkChar(p.id_number.slice(0, 17)), p.id_number[17], 'a valid GB 11643 number');
  assert.equal(maskId(p.id_number), m.id_number);
  assert.equal(p.id_number.slice(6, 14), m.birth_date.replaceAll('-', ''));
  assert.match(p.phone, /^1[3-9]\d{9}$/);
  assert.equal(maskPhone(p.phone), m.phone);
  const rows = auditRows(s.tenant, m.id, 'read_pii');
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].result, 'ok');
  assert.equal(rows[0].username, 'admin');
  assert.ok(!rows[0].after.includes(p.id_number) && !rows[0].after.includes(p.phone), 'the audit row does not hold the values');
  expectProblem(await s.secretary.get(`/api/v1/members/${s.wang.id}/pii`), 403);
  expectProblem(await s.leader.get(`/api/v1/members/${m.id}/pii`), 403);
  expectProblem(await s.auditor.get(`/api/v1/members/${m.id}/pii`), 403);
  expectProblem(await s.admin.get(`/api/v1/members/${s.chen.id}/pii`), 404);
  const chenPii = expectJson(await s.secretary.get(`/api/v1/members/${s.chen.id}`), 200);
  assert.ok(!FULL_ID.test(JSON.stringify(chenPii)));
});

test('POST /members → 201; the member is listed, counted in its unit, audited with masked data', async () => {
  const b = body(s.b1.id, { name: '新增党员', sex: '女', birth: '1990-04-12', phone: '13900004567', ethnicity: '汉', hardship: true, hardship_note: '家属重病' });
  const res = await s.admin.post('/api/v1/members', b);
  const m = expectJson(res, 201);
  assert.equal(m.name, '新增党员');
  assert.equal(m.unit_id, s.b1.id);
  assert.equal(m.unit_name, s.b1.name);
  assert.equal(m.birth_date, '1990-04-12');
  assert.equal(m.id_number, maskId(b.id_number));
  assert.equal(m.phone, '139****4567');
  assert.equal(m.ethnicity, '汉族', '汉 is stored as 汉族');
  assert.equal(m.state, 'active');
  assert.equal(m.hardship, true);
  assert.equal(m.hardship_note, '家属重病');
  assert.equal(m.units.length, 1);
  assert.equal(m.units[0].started_on, b.joined_on, 'unit period from joined_on by default');
  assert.equal(m.units[0].start_kind, 'joined');
  assert.ok(!res.text.includes(b.id_number) && !res.text.includes('13900004567'), 'no full personal data in the answer');
  s.added = m;
  s.addedBody = b;
  assert.ok((await list(s.admin, `q=${enc('新增党员')}`)).items.some((x) => x.id === m.id));
  assert.equal((await list(s.admin, `q=${b.id_number}`)).items[0].id, m.id);
  assert.equal(await total(s.admin, `org=${s.b1.id}`), s.b1.members + 1);
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  assert.equal(tree.find((u) => u.id === s.b1.id).members, s.b1.members + 1);
  assert.equal(tree.find((u) => u.id === s.neike.id).members, s.neike.members + 1);
  const rows = auditRows(s.tenant, m.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].action, 'create');
  assert.equal(rows[0].result, 'ok');
  assert.ok(!rows[0].after.includes(b.id_number), 'audit holds the masked number only');
  const p = expectJson(await s.admin.get(`/api/v1/members/${m.id}/pii`), 200);
  assert.deepEqual(p, { id_number: b.id_number, phone: '13900004567' });
});

test('POST /members: valid variants (landline, spaced mobile, 预备 without full_on, 流动党员, extended 预备期)', async () => {
  const a = await add(s.admin, s.b2.id, { phone: '023-43721234' });
  assert.equal(a.phone === null ? null : typeof a.phone, 'string');
  const b = await add(s.admin, s.b2.id, { phone: '139 1234 5678' });
  assert.equal(b.phone, '139****5678');
  const c = await add(s.admin, s.b2.id, { status: '预备', joined_on: addDays(TODAY, -60), full_on: '' });
  assert.equal(c.status, '预备');
  const d = await add(s.admin, s.b2.id, { flowing: true, flow_to: '广东省深圳市', flow_since: '2024-03-01' });
  assert.equal(d.flowing, true);
  assert.equal(d.flow_to, '广东省深圳市');
  const e = await add(s.admin, s.b2.id, { joined_on: '2015-07-01', full_on: '2017-01-01' });
  assert.equal(e.full_on, '2017-01-01');
  const f = await add(s.admin, s.b2.id, { birth: '1997-07-01', joined_on: '2015-07-01', full_on: '2016-07-01' });
  assert.equal(f.birth_date, '1997-07-01', 'joined on the 18th birthday');
});

test('POST /members: each validation error names its field; all errors at once; nothing written', async () => {
  const before = dbCount('1 = 1');
  const u = s.b2.id;
  const female = idNumber({ birth: '1985-06-15', sex: '女', seq: 401 });
  const cases = [
    [{ name: '' }, 'name'], [{ name: '张'.repeat(21) }, 'name'], [{ sex: '' }, 'sex'], [{ sex: 'M' }, 'sex'],
    [{ id_number: withBadCheck(idNumber({ birth: '1985-06-15', seq: 402 })) }, 'id_number'],
    [{ id_number: '500199198502300013' }, 'id_number'],
    [{ id_number: '50019919850615001' }, 'id_number'], [{ id_number: '' }, 'id_number'], [{ id_number: '5001991985061500AB' }, 'id_number'],
    [{ sex: '男', id_number: female }, 'sex'],
    [{ ethnicity: '' }, 'ethnicity'], [{ education: '博士' }, 'education'], [{ education: '' }, 'education'],
    [{ category: '教师' }, 'category'], [{ phone: '12345' }, 'phone'], [{ phone: '23812345678' }, 'phone'],
    [{ status: '党员' }, 'status'], [{ status: '' }, 'status'],
    [{ status: '正式', full_on: '' }, 'full_on'], [{ status: '预备', full_on: '2016-07-01' }, 'full_on'],
    [{ joined_on: '2015-07-01', full_on: '2016-06-30' }, 'full_on'], [{ joined_on: '2015-07-01', full_on: '2017-07-02' }, 'full_on'],
    [{ status: '预备', full_on: '', joined_on: addDays(TODAY, 1) }, 'joined_on'], [{ joined_on: '2015-02-29' }, 'joined_on'], [{ joined_on: '' }, 'joined_on'],
    [{ birth: '2000-05-01', joined_on: '2018-04-30', full_on: '2019-05-01' }, 'joined_on'],
    [{ flowing: true, flow_to: '', flow_since: '2024-01-01' }, 'flow_to'],
    [{ flowing: true, flow_to: '北京', flow_since: '' }, 'flow_since'],
    [{ hardship: 'yes' }, 'hardship'], [{ flowing: 1 }, 'flowing'], [{ name: 5 }, 'name'],
    [{ unit_since: addDays(TODAY, 1) }, 'unit_since'], [{ unit_since: '2014-01-01' }, 'unit_since'], [{ unit_since: '2020-1-1' }, 'unit_since'],
  ];
  for (const [over, field] of cases) expectProblem(await s.admin.post('/api/v1/members', body(u, over)), 400, field);
  const many = await s.admin.post('/api/v1/members', body(u, { name: '', education: '博士', phone: '1', joined_on: 'x' }));
  for (const f of ['name', 'education', 'phone', 'joined_on']) expectProblem(many, 400, f);
  const units = [
    [{ unit_id: undefined }, 400], [{ unit_id: 'x' }, 400], [{ unit_id: 987654 }, 400], [{ unit_id: s.root.id }, 400],
    [{ unit_id: s.neike.id }, 400], [{ unit_id: s.jbNeike.id }, 400],
  ];
  for (const [over, status] of units) expectProblem(await s.admin.post('/api/v1/members', body(u, over)), status, 'unit_id');
  assert.equal(dbCount('1 = 1'), before, 'nothing written');
});

test('POST /members: the same ID number in the hospital → 409 naming the existing record', async () => {
  const dup = await s.admin.post('/api/v1/members', body(s.b2.id, { name: '重复人员', id_number: s.addedBody.id_number, sex: s.addedBody.sex }));
  const e = expectProblem(dup, 409, 'id_number');
  assert.ok(e.message.includes('新增党员') && e.message.includes(s.b1.name), `names the existing member and unit: ${e.message}`);
  assert.equal(e.message, `已有党员记录：新增党员（${s.b1.name}）`);
  // A demo member, found by the blind index of the number (lower-case x is the same number).
  const demo = (await list(s.admin, 'sort=id')).items[11];
  const p = expectJson(await s.admin.get(`/api/v1/members/${demo.id}/pii`), 200);
  expectProblem(await s.admin.post('/api/v1/members', body(s.b2.id, { id_number: p.id_number.toLowerCase(), sex: demo.sex })), 409, 'id_number');
  assert.equal(dbCount(`name = '重复人员'`), 0);
  // Another hospital's member with the same number is no concern of 江北 (and not revealed to it).
  const other = await s.secretary.post('/api/v1/members', body(s.jbNeike.id, { id_number: s.addedBody.id_number, sex: s.addedBody.sex, name: '同号他院' }));
  expectJson(other, 201);
  assert.ok(!other.text.includes('新增党员'));
});

test('POST /members with transfer_in: the unit period starts on effective_on and a transfer row of kind in is kept', async () => {
  const t = { external_org: '中共重庆市第一人民医院委员会', letter_no: '渝一医党转〔2026〕3号', issued_on: addDays(TODAY, -20), effective_on: addDays(TODAY, -10) };
  const m = expectJson(await s.admin.post('/api/v1/members', body(s.b2.id, { name: '转入党员', transfer_in: t })), 201);
  assert.equal(m.units.length, 1);
  assert.equal(m.units[0].start_kind, 'transfer_in');
  assert.equal(m.units[0].started_on, t.effective_on);
  assert.equal(m.transfers.length, 1);
  const tr = m.transfers[0];
  assert.equal(tr.kind, 'in');
  assert.equal(tr.to_unit_id, s.b2.id);
  assert.equal(tr.from_unit_id, null);
  assert.equal(tr.external_org, t.external_org);
  assert.equal(tr.letter_no, t.letter_no);
  assert.equal(tr.effective_on, t.effective_on);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM member_transfers WHERE member_id = ${m.id} AND kind = 'in'`)), 1);
  assert.equal(await total(s.admin, `org=${s.b2.id}&q=${enc('转入党员')}&to=${addDays(TODAY, -11)}`), 0, 'not on the roll before effective_on');
  assert.equal(await total(s.admin, `org=${s.b2.id}&q=${enc('转入党员')}&to=${t.effective_on}`), 1);
  const bad = [
    [{ ...t, letter_no: '' }, 'transfer_in.letter_no'],
    [{ ...t, external_org: '' }, 'transfer_in.external_org'],
    [{ ...t, issued_on: t.effective_on, effective_on: t.issued_on }, 'transfer_in.effective_on'],
    [{ ...t, effective_on: addDays(TODAY, 2) }, 'transfer_in.effective_on'],
    [{ ...t, issued_on: 'gestern' }, 'transfer_in.issued_on'],
  ];
  for (const [ti, field] of bad) expectProblem(await s.admin.post('/api/v1/members', body(s.b2.id, { transfer_in: ti })), 400, field);
  expectProblem(await s.admin.post('/api/v1/members', body(s.b2.id, { transfer_in: 'yes' })), 400, 'transfer_in');
});

test('list `to`: a member placed today is not on a past roll; one placed in 2020 is', async () => {
  const today = await add(s.admin, s.yulong.id, { name: '今日编入', unit_since: TODAY });
  const old = await add(s.admin, s.yulong.id, { name: '早年编入', unit_since: '2020-01-01' });
  const y = await list(s.admin, `org=${s.yulong.id}&to=${YESTERDAY}`);
  const t = await list(s.admin, `org=${s.yulong.id}&to=${TODAY}`);
  const d = await list(s.admin, `org=${s.yulong.id}`);
  assert.equal(t.total, y.total + 1);
  assert.deepEqual(d.items.map((m) => m.id), t.items.map((m) => m.id), 'to defaults to today');
  assert.ok(!y.items.some((m) => m.id === today.id));
  assert.ok(t.items.some((m) => m.id === today.id));
  assert.ok(y.items.some((m) => m.id === old.id));
  assert.ok((await list(s.admin, `org=${s.yulong.id}&to=2020-01-01`)).items.some((m) => m.id === old.id));
  assert.ok(!(await list(s.admin, `org=${s.yulong.id}&to=2019-12-31`)).items.some((m) => m.id === old.id));
  // Status, age and posts on `to`: a member who became 正式 30 days ago was 预备 60 days ago.
  const st = await add(s.admin, s.yulong.id, { name: '转正测试', joined_on: addDays(TODAY, -400), full_on: addDays(TODAY, -30) });
  const then = addDays(TODAY, -60);
  const item = (await list(s.admin, `org=${s.yulong.id}&to=${then}&q=${enc('转正测试')}`)).items[0];
  assert.equal(item.status, '预备');
  assert.equal(await total(s.admin, `org=${s.yulong.id}&to=${then}&status=${enc('预备')}&q=${enc('转正测试')}`), 1);
  assert.equal(await total(s.admin, `org=${s.yulong.id}&to=${then}&status=${enc('正式')}&q=${enc('转正测试')}`), 0);
  assert.equal((await list(s.admin, `q=${enc('转正测试')}`)).items[0].status, '正式');
  const later = (await list(s.admin, `q=${enc('转正测试')}&to=2030-06-30`)).items[0];
  assert.equal(later.age, ageOn(st.birth_date, '2030-06-30'), 'age on `to`');
  assert.equal(item.age, ageOn(st.birth_date, then));
  s.pastMember = old;
});

test('transfer between branches: the old branch on yesterday, the new one today; history shows two periods', async () => {
  const m = s.pastMember;
  const res = await s.admin.post(`/api/v1/members/${m.id}/transfers`, { kind: 'between', to_unit_id: s.b2.id, letter_no: '大医党转〔2026〕1号', issued_on: YESTERDAY, effective_on: TODAY, note: '科室调整' });
  const d = expectJson(res, 201);
  assert.equal(d.unit_id, s.b2.id);
  assert.equal(d.state, 'active');
  assert.deepEqual(d.units.map((u) => [u.unit_id, u.started_on, u.ended_on, u.start_kind, u.end_kind]), [
    [s.yulong.id, '2020-01-01', TODAY, 'joined', 'transfer_between'],
    [s.b2.id, TODAY, null, 'transfer_between', null],
  ]);
  assert.equal(d.transfers.length, 1);
  assert.equal(d.transfers[0].kind, 'between');
  assert.equal(d.transfers[0].from_unit_id, s.yulong.id);
  assert.equal(d.transfers[0].to_unit_id, s.b2.id);
  assert.equal(d.transfers[0].to_unit_name, s.b2.name);
  const has = async (unit, to) => (await list(s.admin, `org=${unit}&q=${enc(m.name)}${to ? `&to=${to}` : ''}`)).items.map((x) => x.id).includes(m.id);
  assert.equal(await has(s.yulong.id, YESTERDAY), true, 'old branch yesterday');
  assert.equal(await has(s.yulong.id), false, 'not the old branch today');
  assert.equal(await has(s.b2.id), true, 'new branch today');
  assert.equal(await has(s.b2.id, YESTERDAY), false, 'not the new branch yesterday');
  const y = (await list(s.admin, `q=${enc(m.name)}&to=${YESTERDAY}`)).items[0];
  assert.equal(y.unit_id, s.yulong.id, 'the list shows the unit of that day');
  const rows = auditRows(s.tenant, m.id, 'transfer');
  assert.equal(rows.filter((r) => r.result === 'ok').length, 1);
});

test('transfer errors name the field', async () => {
  const m = s.added;
  const ok = { kind: 'between', to_unit_id: s.b2.id, letter_no: '大医党转〔2026〕2号', issued_on: YESTERDAY, effective_on: TODAY };
  const cases = [
    [{ ...ok, kind: 'sideways' }, 400, 'kind'],
    [{ ...ok, to_unit_id: undefined }, 400, 'to_unit_id'],
    [{ ...ok, to_unit_id: m.unit_id }, 400, 'to_unit_id'],
    [{ ...ok, to_unit_id: s.neike.id }, 400, 'to_unit_id'],
    [{ ...ok, to_unit_id: 987654 }, 400, 'to_unit_id'],
    [{ ...ok, to_unit_id: s.jbNeike.id }, 400, 'to_unit_id'],
    [{ ...ok, letter_no: '' }, 400, 'letter_no'],
    [{ ...ok, letter_no: '号'.repeat(41) }, 400, 'letter_no'],
    [{ ...ok, issued_on: TODAY, effective_on: YESTERDAY }, 400, 'effective_on'],
    [{ ...ok, effective_on: addDays(TODAY, 1) }, 400, 'effective_on'],
    [{ ...ok, issued_on: '2010-01-01', effective_on: '2010-01-02' }, 400, 'effective_on'],
    [{ kind: 'out', letter_no: 'x1', issued_on: YESTERDAY, effective_on: TODAY }, 400, 'external_org'],
  ];
  for (const [b, status, field] of cases) expectProblem(await s.admin.post(`/api/v1/members/${m.id}/transfers`, b), status, field);
  const d = expectJson(await s.admin.get(`/api/v1/members/${m.id}`), 200);
  assert.equal(d.transfers.length, 0);
  assert.equal(d.unit_id, s.b1.id);
  expectProblem(await s.admin.post('/api/v1/members/987654/transfers', ok), 404);
});

test('PUT /members/{id}: with the version → 200; stale → 409; a status change adds a status_history row', async () => {
  const m = s.added;
  const b = { ...s.addedBody, job: '副主任医师', phone: '13911112222', unit_id: s.b2.id, version: m.version };
  const res = await s.admin.put(`/api/v1/members/${m.id}`, b);
  const u = expectJson(res, 200);
  assert.equal(u.job, '副主任医师');
  assert.equal(u.phone, '139****2222');
  assert.equal(u.version, m.version + 1);
  assert.equal(u.unit_id, s.b1.id, 'unit_id is not changed by PUT (units change by transfer)');
  assert.equal(u.status_history.length, 2, 'no status change, no new row');
  expectProblem(await s.admin.put(`/api/v1/members/${m.id}`, { ...b, job: '旧版本' }), 409, 'version');
  expectProblem(await s.admin.put(`/api/v1/members/${m.id}`, { ...b, version: undefined }), 400, 'version');
  expectProblem(await s.admin.put(`/api/v1/members/${m.id}`, { ...b, version: u.version, education: '博士' }), 400, 'education');
  expectProblem(await s.admin.put('/api/v1/members/987654', { ...b, version: 1 }), 404);
  const other = await add(s.admin, s.b2.id, { name: '号码冲突' });
  const conflict = await s.admin.put(`/api/v1/members/${other.id}`, { ...body(s.b2.id), name: '号码冲突', id_number: s.addedBody.id_number, sex: s.addedBody.sex, version: other.version });
  expectProblem(conflict, 409, 'id_number');
  const now = expectJson(await s.admin.get(`/api/v1/members/${m.id}`), 200);
  assert.equal(now.job, '副主任医师');
  assert.equal(now.version, u.version);
  // 预备 → 正式
  const p = await add(s.admin, s.b1.id, { name: '预备转正', status: '预备', joined_on: addDays(TODAY, -380), full_on: '' });
  assert.equal(p.status_history.length, 1);
  const pb = body(s.b1.id);
  const up = expectJson(await s.admin.put(`/api/v1/members/${p.id}`, { ...pb, name: '预备转正', id_number: (await s.admin.get(`/api/v1/members/${p.id}/pii`)).body.id_number, sex: p.sex, status: '正式', joined_on: addDays(TODAY, -380), full_on: addDays(TODAY, -10), version: p.version }), 200);
  assert.equal(up.status, '正式');
  assert.equal(up.status_history.length, 2);
  assert.deepEqual([up.status_history[1].status, up.status_history[1].since], ['正式', addDays(TODAY, -10)]);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM member_status_history WHERE member_id = ${p.id}`)), 2);
  const rows = auditRows(s.tenant, m.id).filter((r) => r.result === 'ok').map((r) => r.action);
  assert.ok(rows.includes('update'), JSON.stringify(rows));
});

test('posts: party and hospital posts, end one, a second 书记 in a unit → 409, errors per field', async () => {
  const m = s.added;
  const url = `/api/v1/members/${m.id}/posts`;
  const a = expectJson(await s.admin.post(url, { kind: 'party', title: '组织委员', started_on: '2024-01-10', appoint_doc: '大医党〔2024〕1号' }), 201);
  const org = a.posts.find((p) => p.title === '组织委员');
  assert.ok(org, JSON.stringify(a.posts));
  assert.equal(org.unit_id, s.b1.id, 'held in the member\'s unit by default');
  assert.equal(org.ended_on, null);
  assert.ok(a.party_posts.includes('组织委员'));
  const h = expectJson(await s.admin.post(url, { kind: 'hospital', title: '护士长', department: '心内科', started_on: '2024-02-01' }), 201);
  const hs = h.posts.find((p) => p.title === '护士长');
  assert.equal(hs.kind, 'hospital');
  assert.equal(hs.department, '心内科');
  assert.equal(hs.dual_id, null, 'a middle-manager post may be recorded alone');
  assert.ok((await list(s.admin, `q=${enc('新增党员')}`)).items[0].hospital_posts.includes('护士长'));
  assert.ok((await list(s.admin, `post=${enc('组织委员')}&org=${s.b1.id}`)).items.some((x) => x.id === m.id));
  expectProblem(await s.admin.post(url, { kind: 'party', title: '书记', started_on: '2024-01-10' }), 409, 'title');
  const errors = [
    [{ kind: 'union', title: '主席', started_on: '2024-01-01' }, 'kind'],
    [{ kind: 'party', title: '主任', started_on: '2024-01-01' }, 'title'],
    [{ kind: 'hospital', title: '书记', department: '内科', started_on: '2024-01-01' }, 'title'],
    [{ kind: 'hospital', title: '科主任', started_on: '2024-01-01' }, 'department'],
    [{ kind: 'party', title: '委员', started_on: addDays(TODAY, 1) }, 'started_on'],
    [{ kind: 'party', title: '委员', started_on: '' }, 'started_on'],
    [{ kind: 'party', title: '委员', started_on: '2024-01-01', unit_id: 987654 }, 'unit_id'],
    [{ kind: 'party', title: '委员', started_on: '2024-01-01', unit_id: s.jbNeike.id }, 'unit_id'],
  ];
  for (const [b, field] of errors) expectProblem(await s.admin.post(url, b), 400, field);
  const end = expectJson(await s.admin.post(`${url}/${org.id}/end`, { ended_on: TODAY, end_reason: '工作调整' }), 200);
  const ended = end.posts.find((p) => p.id === org.id);
  assert.equal(ended.ended_on, TODAY);
  assert.equal(ended.end_reason, '工作调整');
  assert.ok(!end.party_posts.includes('组织委员'));
  expectProblem(await s.admin.post(`${url}/${org.id}/end`, { ended_on: TODAY }), 409);
  expectProblem(await s.admin.post(`${url}/${hs.id}/end`, { ended_on: '2024-01-01' }), 400, 'ended_on');
  expectProblem(await s.admin.post(`${url}/${hs.id}/end`, { ended_on: addDays(TODAY, 3) }), 400, 'ended_on');
  expectProblem(await s.admin.post(`${url}/987654/end`, { ended_on: TODAY }), 404);
  // A post of another member is not this member's.
  const chenPost = expectJson(await s.auditor.get(`/api/v1/members/${s.chen.id}`), 200).posts[0];
  expectProblem(await s.admin.post(`${url}/${chenPost.id}/end`, { ended_on: TODAY }), 404);
  // The unit's 书记 can be appointed once the unit has none.
  const newUnit = expectJson(await s.admin.post('/api/v1/org/units', { parent_id: s.neike.id, name: '职务测试党支部', kind: 'branch' }), 201);
  const sec = expectJson(await s.admin.post(url, { kind: 'party', title: '书记', unit_id: newUnit.id, started_on: TODAY }), 201);
  assert.ok(sec.posts.some((p) => p.title === '书记' && p.unit_id === newUnit.id));
  expectProblem(await s.admin.post(`/api/v1/members/${s.pastMember.id}/posts`, { kind: 'party', title: '书记', unit_id: newUnit.id, started_on: TODAY }), 409, 'title');
  assert.equal(expectJson(await s.admin.get(`/api/v1/org/units/${newUnit.id}`), 200).secretary.member_id, m.id);
  s.postUnit = newUnit;
});

test('双任免: appoint makes two posts with one dual_id and one audit row; one half alone → 400 id; the pair ends together', async () => {
  const m = s.pastMember;
  const url = `/api/v1/members/${m.id}/dual-appointments`;
  const before = auditRows(s.tenant, m.id, 'dual_appoint').length;
  const res = await s.admin.post(url, { hospital_title: '科主任', department: '消化内科', party_title: '副书记', started_on: '2025-03-01', appoint_doc: '大医党〔2025〕8号' });
  const d = expectJson(res, 201);
  assert.ok(d.dual_id, `dual_id in the answer: ${JSON.stringify(Object.keys(d))}`);
  const pair = d.posts.filter((p) => p.dual_id === d.dual_id);
  assert.equal(pair.length, 2);
  const party = pair.find((p) => p.kind === 'party');
  const hosp = pair.find((p) => p.kind === 'hospital');
  assert.equal(party.title, '副书记');
  assert.equal(party.unit_id, d.unit_id, 'the party post is held in the member\'s unit');
  assert.equal(hosp.title, '科主任');
  assert.equal(hosp.department, '消化内科');
  assert.equal(party.started_on, '2025-03-01');
  assert.equal(hosp.appoint_doc, '大医党〔2025〕8号');
  const rows = auditRows(s.tenant, m.id, 'dual_appoint').filter((r) => r.result === 'ok');
  assert.equal(rows.length - before, 1, 'one audit row for the pair');
  for (const id of [party.id, hosp.id]) {
    expectProblem(await s.admin.post(`/api/v1/members/${m.id}/posts/${id}/end`, { ended_on: TODAY }), 400, 'id');
  }
  const still = expectJson(await s.admin.get(`/api/v1/members/${m.id}`), 200);
  assert.ok(still.posts.filter((p) => p.dual_id === d.dual_id).every((p) => p.ended_on === null), 'nothing ended by the refused removal');
  const errors = [
    [{ hospital_title: '院长', department: '院领导', party_title: '副书记', started_on: '2025-01-01' }, 'hospital_title'],
    [{ hospital_title: '科主任', department: '内科', party_title: '主任', started_on: '2025-01-01' }, 'party_title'],
    [{ hospital_title: '科主任', department: '', party_title: '委员', started_on: '2025-01-01' }, 'department'],
    [{ hospital_title: '科主任', department: '内科', party_title: '委员', started_on: addDays(TODAY, 1) }, 'started_on'],
  ];
  for (const [b, field] of errors) expectProblem(await s.admin.post(url, b), 400, field);
  expectProblem(await s.admin.post(url, { hospital_title: '科主任', department: '内科', party_title: '书记', started_on: '2025-01-01' }), 409, 'party_title');
  const end = await s.admin.post(`${url}/${enc(d.dual_id)}/end`, { ended_on: TODAY, end_doc: '大医党〔2026〕2号', end_reason: '任期届满' });
  const e = expectJson(end, 200);
  const ended = e.posts.filter((p) => p.dual_id === d.dual_id);
  assert.equal(ended.length, 2);
  assert.ok(ended.every((p) => p.ended_on === TODAY && p.end_reason === '任期届满'), JSON.stringify(ended));
  assert.equal(auditRows(s.tenant, m.id, 'dual_remove').filter((r) => r.result === 'ok').length, 1);
  expectProblem(await s.admin.post(`${url}/${enc(d.dual_id)}/end`, { ended_on: TODAY }), 409);
  expectProblem(await s.admin.post(`${url}/no-such-pair/end`, { ended_on: TODAY }), 404);
});

test('rewards and family: add; a family row ends and stays', async () => {
  const m = s.added;
  const r = expectJson(await s.admin.post(`/api/v1/members/${m.id}/rewards`, { kind: 'reward', title: '优秀共产党员', decided_on: '2025-06-28', authority: '中共大足区人民医院委员会', note: '七一表彰' }), 201);
  assert.equal(r.rewards.length, 1);
  assert.deepEqual([r.rewards[0].kind, r.rewards[0].title, r.rewards[0].decided_on, r.rewards[0].authority, r.rewards[0].note], ['reward', '优秀共产党员', '2025-06-28', '中共大足区人民医院委员会', '七一表彰']);
  const p = expectJson(await s.admin.post(`/api/v1/members/${m.id}/rewards`, { kind: 'punishment', title: '党内警告', decided_on: '2025-09-01', authority: '大足区纪委' }), 201);
  assert.equal(p.rewards.length, 2);
  assert.equal(p.rewards[0].kind, 'punishment', 'newest first');
  for (const [b, field] of [
    [{ kind: 'prize', title: 'x', decided_on: '2025-01-01', authority: 'y' }, 'kind'],
    [{ kind: 'reward', title: '', decided_on: '2025-01-01', authority: 'y' }, 'title'],
    [{ kind: 'reward', title: 'x', decided_on: addDays(TODAY, 1), authority: 'y' }, 'decided_on'],
    [{ kind: 'reward', title: 'x', decided_on: '2025-01-01', authority: '' }, 'authority'],
  ]) expectProblem(await s.admin.post(`/api/v1/members/${m.id}/rewards`, b), 400, field);
  const f = expectJson(await s.admin.post(`/api/v1/members/${m.id}/family`, { relation: '配偶', name: '张伟', work_unit: '大足区教委', political_status: '群众' }), 201);
  assert.equal(f.family.length, 1);
  const row = f.family[0];
  assert.deepEqual([row.relation, row.name, row.work_unit, row.political_status, row.ended_at], ['配偶', '张伟', '大足区教委', '群众', null]);
  for (const [b, field] of [[{ relation: '', name: '张伟' }, 'relation'], [{ relation: '子女', name: '' }, 'name']]) {
    expectProblem(await s.admin.post(`/api/v1/members/${m.id}/family`, b), 400, field);
  }
  expectProblem(await s.admin.post(`/api/v1/members/${m.id}/family/${row.id}/end`, {}), 400, 'reason');
  const e = expectJson(await s.admin.post(`/api/v1/members/${m.id}/family/${row.id}/end`, { reason: '离婚' }), 200);
  assert.equal(e.family.length, 1, 'the row stays');
  assert.ok(e.family[0].ended_at, 'ended');
  assert.equal(e.family[0].end_reason, '离婚');
  expectProblem(await s.admin.post(`/api/v1/members/${m.id}/family/${row.id}/end`, { reason: '再次' }), 404);
  expectProblem(await s.admin.post(`/api/v1/members/${s.pastMember.id}/family/${row.id}/end`, { reason: '不是本人的' }), 404);
  const actions = auditRows(s.tenant, m.id).filter((x) => x.result === 'ok').map((x) => x.action);
  for (const a of ['add_reward', 'add_family', 'end_family']) assert.ok(actions.includes(a), `${a} audited: ${actions}`);
});

test('transfer out: state left, left_kind 转出, posts end; only in state=left; every write then 409', async () => {
  const m = await add(s.admin, s.b1.id, { name: '转出党员' });
  expectJson(await s.admin.post(`/api/v1/members/${m.id}/posts`, { kind: 'party', title: '宣传委员', started_on: '2024-01-01' }), 201);
  const unitBefore = await total(s.admin, `org=${s.b1.id}`);
  const res = await s.admin.post(`/api/v1/members/${m.id}/transfers`, { kind: 'out', external_org: '中共重庆医科大学附属第一医院委员会', letter_no: '大医党转〔2026〕9号', issued_on: YESTERDAY, effective_on: TODAY });
  const d = expectJson(res, 201);
  assert.equal(d.state, 'left');
  assert.equal(d.left_kind, '转出');
  assert.equal(d.left_on, TODAY);
  assert.ok(d.posts.every((p) => p.ended_on === TODAY), 'posts end on effective_on');
  assert.equal(d.units.at(-1).ended_on, TODAY);
  assert.equal(d.units.at(-1).end_kind, 'transfer_out');
  assert.equal(d.transfers.at(-1).kind, 'out');
  assert.equal(d.transfers.at(-1).external_org, '中共重庆医科大学附属第一医院委员会');
  assert.equal(await total(s.admin, `q=${enc('转出党员')}`), 0, 'not in the default list');
  assert.equal(await total(s.admin, `org=${s.b1.id}`), unitBefore - 1);
  const left = await list(s.admin, 'state=left');
  const item = left.items.find((x) => x.id === m.id);
  assert.ok(item, 'listed with state=left');
  assert.equal(item.state, 'left');
  assert.equal(item.left_kind, '转出');
  assert.equal(await total(s.admin, `state=left&q=${enc('转出党员')}&to=${YESTERDAY}`), 0, 'left_on bounded by to');
  assert.equal(await total(s.admin, `state=left&q=${enc('转出党员')}&from=${TODAY}`), 1);
  assert.equal(await total(s.admin, `state=left&q=${enc('转出党员')}&from=${addDays(TODAY, 1)}&to=${addDays(TODAY, 5)}`), 0);
  assert.ok(await total(s.admin, `q=${enc('转出党员')}&to=${YESTERDAY}`) === 1, 'still on yesterday\'s roll');
  expectJson(await s.admin.get(`/api/v1/members/${m.id}`), 200);
  s.out = d;
  const writes = [
    ['PUT', `/api/v1/members/${m.id}`, { ...body(s.b1.id), version: d.version }],
    ['POST', `/api/v1/members/${m.id}/posts`, { kind: 'party', title: '委员', started_on: '2024-01-01' }],
    ['POST', `/api/v1/members/${m.id}/dual-appointments`, { hospital_title: '科主任', department: '内科', party_title: '委员', started_on: '2024-01-01' }],
    ['POST', `/api/v1/members/${m.id}/rewards`, { kind: 'reward', title: 'x', decided_on: '2024-01-01', authority: 'y' }],
    ['POST', `/api/v1/members/${m.id}/family`, { relation: '配偶', name: '李四' }],
    ['POST', `/api/v1/members/${m.id}/transfers`, { kind: 'between', to_unit_id: s.b2.id, letter_no: 'x2', issued_on: TODAY, effective_on: TODAY }],
    ['POST', `/api/v1/members/${m.id}/leave`, { kind: '死亡', left_on: TODAY, reason: '病故' }],
  ];
  for (const [method, path, b] of writes) expectProblem(await s.admin.request(method, path, b), 409);
  // Re-adding the same person is refused: the record exists (left).
  const dupe = await s.admin.post('/api/v1/members', body(s.b1.id, { id_number: (await s.admin.get(`/api/v1/members/${m.id}/pii`)).body.id_number, sex: m.sex }));
  expectProblem(dupe, 409, 'id_number');
});

test('leave (死亡 etc.): state left with that kind; errors per field; then 409', async () => {
  const m = await add(s.admin, s.b2.id, { name: '减少党员' });
  expectJson(await s.admin.post(`/api/v1/members/${m.id}/posts`, { kind: 'party', title: '青年委员', started_on: '2024-01-01' }), 201);
  for (const [b, field] of [
    [{ kind: '开除', left_on: TODAY, reason: 'x' }, 'kind'],
    [{ kind: '死亡', left_on: addDays(TODAY, 1), reason: '病故' }, 'left_on'],
    [{ kind: '死亡', left_on: '2024-02-30', reason: '病故' }, 'left_on'],
    [{ kind: '死亡', left_on: TODAY, reason: '' }, 'reason'],
    [{ kind: '死亡', left_on: '2010-01-01', reason: '病故' }, 'left_on'],
  ]) expectProblem(await s.admin.post(`/api/v1/members/${m.id}/leave`, b), 400, field);
  const d = expectJson(await s.admin.post(`/api/v1/members/${m.id}/leave`, { kind: '死亡', left_on: YESTERDAY, reason: '因病去世' }), 200);
  assert.equal(d.state, 'left');
  assert.equal(d.left_kind, '死亡');
  assert.equal(d.left_on, YESTERDAY);
  assert.equal(d.left_reason, '因病去世');
  assert.equal(d.units.at(-1).end_kind, 'left');
  assert.equal(d.units.at(-1).ended_on, YESTERDAY);
  assert.ok(d.posts.length === 1 && d.posts[0].ended_on === YESTERDAY, `current posts end on left_on: ${JSON.stringify(d.posts)}`);
  assert.deepEqual(d.party_posts, []);
  assert.equal(await total(s.admin, `q=${enc('减少党员')}`), 0);
  assert.equal((await list(s.admin, `state=left&q=${enc('减少党员')}`)).items[0].left_kind, '死亡');
  expectProblem(await s.admin.post(`/api/v1/members/${m.id}/leave`, { kind: '其他', left_on: TODAY, reason: '再次' }), 409, 'id');
  expectProblem(await s.admin.put(`/api/v1/members/${m.id}`, { ...body(s.b2.id), version: d.version }), 409);
  for (const kind of ['出党', '退党', '停止党籍', '其他']) {
    const x = await add(s.admin, s.b2.id);
    expectJson(await s.admin.post(`/api/v1/members/${x.id}/leave`, { kind, left_on: TODAY, reason: `依据：${kind}` }), 200);
    assert.equal(dbCount(`id = ${x.id} AND state = 'left' AND left_kind = ${q(kind)}`), 1);
  }
});

test('transfer between: a 书记 recorded in a 党小组 of the branch loses the branch\'s party posts when moved to another branch', async () => {
  let branch = null;
  let sec = null;
  for (const u of s.tree.filter((x) => x.kind === 'branch' && x.secretary && s.tree.some((g) => g.parent_id === x.id))) {
    const d = expectJson(await s.admin.get(`/api/v1/members/${u.secretary.member_id}`), 200);
    if (d.unit_id !== u.id && !d.posts.some((p) => p.dual_id && p.ended_on === null)) { branch = u; sec = d; break; }
  }
  assert.ok(branch, 'the demo has a branch whose 书记 sits in one of its 党小组');
  const target = s.tree.find((u) => u.kind === 'branch' && u.id !== branch.id && !u.path.startsWith(branch.path));
  const d = expectJson(await s.admin.post(`/api/v1/members/${sec.id}/transfers`, { kind: 'between', to_unit_id: target.id, letter_no: '大医党转〔2026〕7号', issued_on: YESTERDAY, effective_on: TODAY }), 201);
  assert.equal(d.unit_id, target.id);
  const held = d.posts.filter((p) => p.kind === 'party' && p.ended_on === null).map((p) => `${p.title}@${p.unit_name}`);
  assert.deepEqual(held, [], `no party post left in the old branch or its 党小组 (${branch.name})`);
  const unit = expectJson(await s.admin.get(`/api/v1/org/units/${branch.id}`), 200);
  assert.notEqual(unit.secretary && unit.secretary.member_id, sec.id, `${sec.name} is no longer 书记 of ${branch.name}`);
});

test('list q: % and _ are literal characters; a refused write is audited as denied', async () => {
  assert.equal(await total(s.admin, `q=${enc('%')}`), 0);
  assert.equal(await total(s.admin, `q=${enc('_')}`), 0);
  assert.equal(await total(s.admin, `q=${enc("' OR 1=1 --")}`), 0);
  const before = Number(srv.sql("SELECT count(*) FROM audit_log WHERE username = 'leader' AND action = 'create' AND record_type = 'member' AND result = 'denied'"));
  expectProblem(await s.leader.post('/api/v1/members', body(s.b1.id)), 403);
  const after = Number(srv.sql("SELECT count(*) FROM audit_log WHERE username = 'leader' AND action = 'create' AND record_type = 'member' AND result = 'denied'"));
  assert.equal(after, before + 1);
});

test('secretary: adds and edits members of 内科党支部; 外科党支部 is 404; no transfer or leave (403); other unit 403', async () => {
  const c = s.secretary;
  const all = await list(c);
  assert.equal(all.total, s.jbNeike.members + 1, 'the branch and its 党小组 (plus the one added above)');
  const sub = new Set(s.all.filter((u) => u.tenant_id === s.jbTenant && u.path.startsWith(s.jbNeike.path)).map((u) => u.id));
  assert.ok(all.items.every((m) => sub.has(m.unit_id)), 'only the branch and below');
  const group = s.all.find((u) => u.parent_id === s.jbNeike.id && u.kind === 'group');
  const m = expectJson(await c.post('/api/v1/members', body(group.id, { name: '书记新增' })), 201);
  assert.equal(m.unit_id, group.id);
  const full = expectJson(await c.get(`/api/v1/members/${m.id}`), 200);
  assert.equal(full.name, '书记新增');
  expectJson(await c.post(`/api/v1/members/${m.id}/rewards`, { kind: 'reward', title: '优秀党员', decided_on: '2025-07-01', authority: '内科党支部' }), 201);
  const other = s.jbWaikeMember;
  expectProblem(await c.get(`/api/v1/members/${other.id}`), 404);
  expectProblem(await c.put(`/api/v1/members/${other.id}`, { ...body(s.jbWaike.id), version: other.version }), 404);
  expectProblem(await c.post(`/api/v1/members/${other.id}/posts`, { kind: 'party', title: '委员', started_on: '2024-01-01' }), 404);
  expectProblem(await c.post(`/api/v1/members/${other.id}/rewards`, { kind: 'reward', title: 'x', decided_on: '2024-01-01', authority: 'y' }), 404);
  expectProblem(await c.post('/api/v1/members', body(s.jbWaike.id)), 403, 'unit_id');
  expectProblem(await c.post(`/api/v1/members/${s.wang.id}/posts`, { kind: 'party', title: '委员', unit_id: s.jbWaike.id, started_on: '2024-01-01' }), 403, 'unit_id');
  expectProblem(await c.post(`/api/v1/members/${m.id}/transfers`, { kind: 'between', to_unit_id: s.jbNeike.id, letter_no: 'x', issued_on: TODAY, effective_on: TODAY }), 403);
  expectProblem(await c.post(`/api/v1/members/${m.id}/leave`, { kind: '其他', left_on: TODAY, reason: 'x' }), 403);
  expectProblem(await c.get(`/api/v1/members?org=${s.jbWaike.id}`), 404, 'org');
  s.secAdded = m;
});

test('secretary: PUT of a member in the branch → 200', async () => {
  const c = s.secretary;
  const m = s.secAdded;
  const created = expectJson(await c.get(`/api/v1/members/${m.id}`), 200);
  assert.equal(created.name, '书记新增');
  // The secretary never sees the full number; the body carries a whole record (here with a corrected number).
  const fresh = body(m.unit_id, { name: '书记改名' });
  const res = await c.put(`/api/v1/members/${m.id}`, { ...fresh, version: created.version });
  const u = expectJson(res, 200);
  assert.equal(u.name, '书记改名');
  assert.equal(u.version, created.version + 1);
});

test('leader reads members (masked) but cannot write (403)', async () => {
  const l = await list(s.leader);
  assert.ok(l.total >= 430);
  assert.ok(l.items.every((m) => m.tenant_id === s.tenant && MASKED_ID.test(m.id_number)));
  expectJson(await s.leader.get(`/api/v1/members/${s.added.id}`), 200);
  expectProblem(await s.leader.post('/api/v1/members', body(s.b1.id)), 403);
  expectProblem(await s.leader.put(`/api/v1/members/${s.added.id}`, { ...s.addedBody, version: 1 }), 403);
  expectProblem(await s.leader.post(`/api/v1/members/${s.added.id}/posts`, { kind: 'party', title: '委员', started_on: '2024-01-01' }), 403);
  expectProblem(await s.leader.post(`/api/v1/members/${s.added.id}/leave`, { kind: '其他', left_on: TODAY, reason: 'x' }), 403);
});

test('auditor reads members of all three hospitals; every write 403', async () => {
  const c = s.auditor;
  const all = await list(c);
  const byTenant = {};
  for (const h of [DAZU, JB, CS]) {
    const root = s.all.find((u) => u.tenant_name === h && u.parent_id === null);
    byTenant[h] = await total(c, `org=${root.id}`);
    assert.ok(byTenant[h] > 100, `${h}: ${byTenant[h]}`);
  }
  assert.equal(all.total, byTenant[DAZU] + byTenant[JB] + byTenant[CS]);
  assert.equal(byTenant[CS], 200);
  const tenants = new Set((await list(c, 'sort=-id')).items.map((m) => m.tenant_id));
  assert.ok(tenants.size >= 1);
  for (const id of [s.added.id, s.chen.id, (await list(c, `org=${s.all.find((u) => u.tenant_name === CS && u.parent_id === null).id}`)).items[0].id]) {
    expectJson(await c.get(`/api/v1/members/${id}`), 200);
  }
  const writes = [
    ['POST', '/api/v1/members', body(s.b1.id)],
    ['PUT', `/api/v1/members/${s.added.id}`, { ...s.addedBody, version: 1 }],
    ['POST', `/api/v1/members/${s.chen.id}/posts`, { kind: 'party', title: '委员', started_on: '2024-01-01' }],
    ['POST', `/api/v1/members/${s.chen.id}/rewards`, { kind: 'reward', title: 'x', decided_on: '2024-01-01', authority: 'y' }],
    ['POST', `/api/v1/members/${s.added.id}/transfers`, { kind: 'out', external_org: 'x', letter_no: 'x', issued_on: TODAY, effective_on: TODAY }],
    ['POST', `/api/v1/members/${s.added.id}/leave`, { kind: '其他', left_on: TODAY, reason: 'x' }],
  ];
  for (const [m, p, b] of writes) expectProblem(await c.request(m, p, b), 403);
  assert.equal(expectJson(await s.admin.get(`/api/v1/members/${s.added.id}`), 200).state, 'active');
});

test("tenant isolation: 大足's admin cannot read or change a 江北 member (404)", async () => {
  const id = s.chen.id;
  expectProblem(await s.admin.get(`/api/v1/members/${id}`), 404);
  expectProblem(await s.admin.get(`/api/v1/members/${id}/pii`), 404);
  expectProblem(await s.admin.put(`/api/v1/members/${id}`, { ...body(s.b1.id), version: 1 }), 404);
  expectProblem(await s.admin.post(`/api/v1/members/${id}/posts`, { kind: 'party', title: '委员', started_on: '2024-01-01' }), 404);
  expectProblem(await s.admin.post(`/api/v1/members/${id}/transfers`, { kind: 'between', to_unit_id: s.b1.id, letter_no: 'x', issued_on: TODAY, effective_on: TODAY }), 404);
  expectProblem(await s.admin.post(`/api/v1/members/${id}/leave`, { kind: '其他', left_on: TODAY, reason: 'x' }), 404);
  expectProblem(await s.admin.post(`/api/v1/members/${id}/dual-appointments/${enc(`${id}-1`)}/end`, { ended_on: TODAY }), 404);
  assert.equal((await list(s.admin, `q=${enc('陈建国')}`)).items.filter((m) => m.tenant_id !== s.tenant).length, 0);
  const chen = expectJson(await s.secretary.get(`/api/v1/members/${id}`), 200);
  assert.equal(chen.state, 'active');
  assert.ok(chen.posts.filter((p) => p.dual_id).every((p) => p.ended_on === null));
});

test('the member role has no access to members (403); without a session 401', async () => {
  expectProblem(await s.member.get('/api/v1/members'), 403);
  expectProblem(await s.member.get(`/api/v1/members/${s.wang.id}`), 403);
  expectProblem(await s.member.post('/api/v1/members', body(s.jbNeike.id)), 403);
  expectProblem(await new Client(srv.url).get('/api/v1/members'), 401);
});
