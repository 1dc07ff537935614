// Authorisation matrix (issue 8): every route × every demo role (and no session) × a target in
// the caller's own scope, in another branch of its hospital, and in another hospital, against
// the answer computed by authz_table.mjs's expected() from the caller's permissions and scope.
// The table is checked against the server's own route table (`qizhi routes`): a route missing
// from it, or an entry for a route that no longer exists, or a permission that differs, fails.
//
// Records: each hospital of the walk (the superior committee 1, 大足 2, 江北 3) gets two 党支部
// of its own (甲, 乙) made by a fixture party-office user (`qizhi user add … --role admin`), with
// members, posts and family made for the purpose; users and roles likewise by fixture system and
// security administrators. A cell whose success would change its target for good (transfer
// out, leave, end a unit, end a post…) gets a record of its own. The branch secretary's "own"
// is her scope (江北 内科党支部), her "other branch" is 江北's 甲 branch.
//
// Besides the demo users (one per built-in role) and a caller without a session, two extra
// callers apply the same rules where no demo role can: the party office's role scoped to one
// branch (scopedAdmin) and a superior committee's party office that reads the hospitals below
// it and may write (superiorOffice).
//
// QIZHI_AUTHZ_VERBOSE=1 prints the whole grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { useServer, DEMO_PASSWORD, QIZHI_BIN, repoRoot } from '../api/lib/server.mjs';
import { Client, loginAs, show } from '../api/lib/client.mjs';
import { idNumber, todayShanghai, addDays } from '../api/lib/idnumber.mjs';
import { TABLE, CLASSES, expected, entryName, TENANT_PARENT, selfCheckBody } from './authz_table.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YESTERDAY = addDays(TODAY, -1);
const FX_PASSWORD = 'Matrix#Fixture2026';
const RELS = ['own', 'otherBranch', 'otherTenant'];
const CONCURRENCY = 8;
const TENANTS = [1, 2, 3];
// The hospital a caller's "other tenant" records are in: 江北 for everyone but 江北's own users.
const otherTenantOf = (t) => (t === 3 ? 2 : 3);

// ---- the server's route table and the built-in roles of permissions.cpp ----

function printedRoutes() {
  const r = spawnSync(QIZHI_BIN, ['routes'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `qizhi routes: ${r.stdout}${r.stderr}`);
  const routes = new Map();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.trim().split(/\s+/);
    assert.equal(parts.length, 3, `a route line is METHOD PATTERN PERMISSION: ${JSON.stringify(line)}`);
    routes.set(`${parts[0]} ${parts[1]}`, parts[2]);
  }
  assert.ok(routes.size > 0, 'qizhi routes prints routes');
  return routes;
}

function builtinRoles() {
  const dir = path.join(repoRoot, 'src', 'platform', 'auth');
  const consts = {};
  for (const m of fs.readFileSync(path.join(dir, 'permissions.hpp'), 'utf8').matchAll(/constexpr\s+const\s+char\s*\*\s*(\w+)\s*=\s*"([^"]+)"/g)) consts[m[1]] = m[2];
  const src = fs.readFileSync(path.join(dir, 'permissions.cpp'), 'utf8');
  const block = src.slice(src.indexOf('BuiltinRoles()'));
  const roles = {};
  for (const m of block.matchAll(/\{\s*"([a-z_]+)",\s*"[^"]*",\s*"[^"]*",\s*\{([^{}]*)\}\s*\}/g)) {
    roles[m[1]] = new Set([...m[2].matchAll(/"([^"]+)"|\b(k\w+)\b/g)].map((x) => x[1] ?? consts[x[2]]));
  }
  return roles;
}

test('every route of `qizhi routes` has an entry in the table, and every entry a route', () => {
  const routes = printedRoutes();
  const inTable = new Set(TABLE.map((e) => e.route));
  const missing = [...routes.keys()].filter((k) => !inTable.has(k));
  const stale = [...inTable].filter((k) => !routes.has(k));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] },
    `authz_table.mjs is out of step with the route table:\n${missing.map((k) => `  missing from the table: ${k} ${routes.get(k)}`).join('\n')}${stale.map((k) => `\n  in the table, not a route: ${k}`).join('')}`);
  const names = TABLE.map(entryName);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], 'route + variant is unique in the table');
});

test("each entry's permission is the one `qizhi routes` prints", () => {
  const routes = printedRoutes();
  const wrong = TABLE.filter((e) => routes.has(e.route) && routes.get(e.route) !== e.permission)
    .map((e) => `  ${entryName(e)}: table ${e.permission}, server ${routes.get(e.route)}`);
  assert.deepEqual(wrong, [], `permissions differ:\n${wrong.join('\n')}`);
  const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
  const badWrite = TABLE.filter((e) => writes.has(e.route.split(' ')[0]) !== e.write).map(entryName);
  assert.deepEqual(badWrite, [], 'write is true exactly for POST/PUT/PATCH/DELETE');
});

// ---- records made for the walk ----

let counter = 0;
const nextN = () => ++counter;
const memo = new Map();
const once = (key, fn) => {
  if (!memo.has(key)) memo.set(key, fn());
  return memo.get(key);
};

function must(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, ${show(res)}`);
  return res.body;
}

// A unique, valid ID number (region 500198, which the demo and the API tests do not use).
function newIdNumber(sex) {
  const n = nextN();
  const d = new Date(Date.UTC(1960, 0, 1) + n * 86400000).toISOString().slice(0, 10);
  return idNumber({ birth: d, sex, seq: 7, region: '500198' });
}

function memberBody(unitId) {
  const sex = counter % 2 ? '女' : '男';
  return {
    unit_id: unitId, name: `矩阵党员${counter + 1}`, sex, id_number: newIdNumber(sex), ethnicity: '汉族', native_place: '重庆市江北区',
    education: '大学本科', category: '在岗职工', job: '主治医师', status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01',
    hardship: false, flowing: false,
  };
}

const COLUMNS = ['姓名', '性别', '公民身份号码', '民族', '籍贯', '学历', '人员类别', '所在党组织', '党员类别', '入党日期', '转正日期', '工作岗位', '联系电话', '是否困难党员', '困难情况', '是否流动党员', '外出流向', '外出日期'];
const csvCell = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
// A roster file of one new member in the unit named `unitName`.
function csv(unitName) {
  const row = {
    姓名: `矩阵导入${counter + 1}`, 性别: '男', 公民身份号码: newIdNumber('男'), 民族: '汉族', 籍贯: '重庆市', 学历: '大学本科', 人员类别: '在岗职工',
    所在党组织: unitName, 党员类别: '正式', 入党日期: '2015-07-01', 转正日期: '2016-07-01', 工作岗位: '护师', 联系电话: '', 是否困难党员: '否',
    困难情况: '', 是否流动党员: '否', 外出流向: '', 外出日期: '',
  };
  const text = [COLUMNS, COLUMNS.map((c) => row[c])].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

const adminOf = (unit) => s.fx[unit.tenant].admin;

async function createMember(unit) {
  const body = memberBody(unit.id);
  const b = must(await adminOf(unit).post('/api/v1/members', body), 201, `member in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant, body };
}
const sharedMember = (unit) => once(`member:${unit.id}`, () => createMember(unit));

// A 建档立卡 household (with its 户主 and a spouse) in 东林村, which every caller holding the
// registry permissions may see, registered by the hospital of `unit` (households belong to the
// hospital and its villages, not to a branch: `unit` only keeps own/other-branch/other-tenant
// records apart).
async function createHousehold(unit) {
  const body = {
    village_code: '500111103200', poverty_cause: '因病', status: '脱贫', status_since: '2019-12-20', registered_on: '2015-06-15',
    head: { name: `矩阵户主${nextN()}`, id_number: newIdNumber('男'), relation: '户主' },
  };
  const h = must(await adminOf(unit).post('/api/v1/registry/households', body), 201, `household of ${unit.tenant}`);
  const spouse = must(await adminOf(unit).post(`/api/v1/registry/households/${h.id}/persons`, { name: `矩阵配偶${nextN()}`, id_number: newIdNumber('女'), relation: '妻' }), 201, 'spouse');
  return { id: h.id, unit, tenant: unit.tenant, head: h.persons[0].id, spouse: spouse.id };
}
const sharedHousehold = (unit) => once(`household:${unit.id}`, () => createHousehold(unit));
const householdVersion = async (h) => must(await adminOf(h.unit).get(`/api/v1/registry/households/${h.id}`), 200, 'household').version;
const personVersion = async (h, id) => must(await adminOf(h.unit).get(`/api/v1/registry/persons/${id}`), 200, 'person').version;

// A person on the member-development path in `unit` (a branch), with their application recorded.
async function createCandidate(unit) {
  const sex = counter % 2 ? '女' : '男';
  const body = {
    unit_id: unit.id, name: `矩阵发展${counter + 1}`, sex, id_number: newIdNumber(sex), ethnicity: '汉族',
    education: '大学本科', category: '在岗职工',
  };
  const b = must(await adminOf(unit).post('/api/v1/development/candidates', body), 201, `candidate in ${unit.name}`);
  const r = must(await adminOf(unit).post(`/api/v1/development/candidates/${b.id}/records`, { step: 1, date: YESTERDAY }), 201, 'application');
  return { id: b.id, unit, tenant: unit.tenant, record: r.record_id };
}
const sharedCandidate = (unit) => once(`candidate:${unit.id}`, () => createCandidate(unit));

async function createGroup(unit) {
  const b = must(await adminOf(unit).post('/api/v1/org/units', { parent_id: unit.id, name: `矩阵小组${nextN()}`, kind: 'group' }), 201, `group under ${unit.name}`);
  return { id: b.id, tenant: unit.tenant, name: b.name, path: b.path };
}
const sharedGroup = (unit) => once(`group:${unit.id}`, () => createGroup(unit));

// A post, 双任免 or family row of member `m`, made by its hospital's party office.
function sub(kind, m) {
  return once(`${kind}:${m.id}`, async () => {
    const c = adminOf(m.unit);
    if (kind === 'post') {
      const b = must(await c.post(`/api/v1/members/${m.id}/posts`, { kind: 'hospital', title: '其他', department: '矩阵科', started_on: YESTERDAY }), 201, 'post');
      const ids = b.posts.filter((p) => p.department === '矩阵科' && !p.ended_on).map((p) => p.id);
      return { id: Math.max(...ids) };
    }
    if (kind === 'dual') {
      const b = must(await c.post(`/api/v1/members/${m.id}/dual-appointments`, { hospital_title: '科室负责人', department: '矩阵科', party_title: '委员', started_on: YESTERDAY }), 201, 'dual');
      return { id: b.dual_id };
    }
    if (kind === 'family') {
      const b = must(await c.post(`/api/v1/members/${m.id}/family`, { relation: '子女', name: '矩阵子女' }), 201, 'family');
      return { id: Math.max(...b.family.filter((f) => f.name === '矩阵子女').map((f) => f.id)) };
    }
    throw new Error(`unknown sub-record ${kind}`);
  });
}

// A meeting (组织生活) of `unit`, recorded by its hospital's party office. Its branch's roll grows
// as cells add members, so nobody is listed to attend, with the reason the roll was changed.
const meetingBody = (unitId) => ({
  unit_id: unitId, type: 'branch_committee', date: YESTERDAY, start_time: '14:30', place: '矩阵会议室', topic: '授权矩阵测试',
  presenter: '矩阵主持', recorder: '矩阵记录', should: [], should_reason: '授权矩阵测试：不点名', came: [], absent: [],
});
async function createMeeting(unit) {
  const b = must(await adminOf(unit).post('/api/v1/meetings', meetingBody(unit.id)), 201, `meeting in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedMeeting = (unit) => once(`meeting:${unit.id}`, () => createMeeting(unit));
// A dues payment of a member of `unit` (no months generated: the whole amount is a voluntary extra).
async function createDuesPayment(unit) {
  const m = await sharedMember(unit);
  const b = must(await adminOf(unit).post('/api/v1/dues/payments', {
    member_id: m.id, paid_on: YESTERDAY, amount_fen: 1500, method: '现金', collector: '授权矩阵',
  }), 201, `dues payment in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedDuesPayment = (unit) => once(`duesPayment:${unit.id}`, () => createDuesPayment(unit));
// A manual points entry for a member of `unit`, proposed by its hospital's fixture party office.
async function createPointsEntry(unit) {
  const m = await sharedMember(unit);
  const body = { member_id: m.id, action: 'manual_bonus', points: 1, occurred_on: TODAY, reason: '授权矩阵测试' };
  const b = must(await adminOf(unit).post('/api/v1/points/entries', body), 201, `points entry in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedPointsEntry = (unit) => once(`points:${unit.id}`, () => createPointsEntry(unit));
// A signed 廉洁从业承诺书 of a member of `unit` made a 科室负责人 for it; a clean 九不准 self-check.
async function createPledge(unit) {
  const m = await createMember(unit);
  await sub('dual', m);
  const body = { member_id: m.id, year: Number(TODAY.slice(0, 4)), signed_on: TODAY };
  const b = must(await adminOf(unit).post('/api/v1/integrity/pledges', body), 201, `pledge in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedPledge = (unit) => once(`pledge:${unit.id}`, () => createPledge(unit));
async function createSelfCheck(unit) {
  const m = await sharedMember(unit);
  const b = must(await adminOf(unit).post('/api/v1/integrity/self-checks', selfCheckBody(m.id, TODAY)), 201, `self-check in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedSelfCheck = (unit) => once(`self-check:${unit.id}`, () => createSelfCheck(unit));
async function meetingVersion(m) {
  return must(await adminOf(m.unit).get(`/api/v1/meetings/${m.id}`), 200, 'meeting version').version;
}

// A meeting plan (会议计划) of `unit`, made by its hospital's party office, ten days ahead.
const planBody = (unitId) => ({
  unit_id: unitId, type: 'branch_committee', date: addDays(TODAY, 10), start_time: '09:00', place: '矩阵会议室', topic: '授权矩阵计划',
});
async function createPlan(unit) {
  const b = must(await adminOf(unit).post('/api/v1/life/plans', planBody(unit.id)), 201, `plan in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedPlan = (unit) => once(`plan:${unit.id}`, () => createPlan(unit));
async function planVersion(p) {
  return must(await adminOf(p.unit).get(`/api/v1/life/plans/${p.id}`), 200, 'plan version').version;
}
// Scoring (issue 6): the 六有 checklist of a unit's hospital, an inspection of the unit and a
// commendation of a new member of it, each made by its hospital's party office.
const scoreChecklist = (unit) => once(`checklist:${unit.tenant}`, async () =>
  must(await adminOf(unit).get('/api/v1/scoring/checklists'), 200, 'checklists').items.find((c) => c.code === 'liuyou'));
const fullScores = (c) => c.items.map((i) => ({ code: i.code, score: i.max_score }));
async function createInspection(unit) {
  const c = await scoreChecklist(unit);
  const body = { unit_id: unit.id, checklist_id: c.id, date: YESTERDAY, scores: fullScores(c) };
  const b = must(await adminOf(unit).post('/api/v1/scoring/inspections', body), 201, `inspection of ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedInspection = (unit) => once(`inspection:${unit.id}`, () => createInspection(unit));
async function createCommendation(unit) {
  const m = await createMember(unit);
  const body = { kind: 'outstanding_member', year: Number(YESTERDAY.slice(0, 4)), decided_on: YESTERDAY, basis: '授权矩阵表彰决定', member_id: m.id };
  const b = must(await adminOf(unit).post('/api/v1/commendations', body), 201, `commendation in ${unit.name}`);
  return { id: b.id, unit, tenant: unit.tenant };
}
const sharedCommendation = (unit) => once(`commendation:${unit.id}`, () => createCommendation(unit));

// A file of meeting `m`, uploaded once by its hospital's admin: the download's target.
const ATTACHMENT = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const meetingAttachment = (m) => once(`attachment:${m.id}`, async () => must(
  await adminOf(m.unit).request('POST', `/api/v1/meetings/${m.id}/attachments?name=${encodeURIComponent('授权矩阵.pdf')}`, undefined,
    { rawBody: ATTACHMENT, headers: { 'content-type': 'application/pdf' } }), 201, `attachment of meeting ${m.id}`).id);

async function memberVersion(m) {
  return must(await adminOf(m.unit).get(`/api/v1/members/${m.id}`), 200, 'member version').version;
}
async function unitVersion(u) {
  return must(await s.fx[u.tenant].admin.get(`/api/v1/org/units/${u.id}`), 200, 'unit version').version;
}

// The branch of the caller's hospital that is not its own: outside its scope when it has one.
function otherBranchUnit(caller) {
  const { A, B } = s.units[caller.tenant];
  if (!caller.scoped) return B;
  return [A, B].find((u) => !u.path.startsWith(caller.scopeUnit.path));
}

// What one cell's build() may ask for.
function cellContext(caller, rel, fresh) {
  const T = caller.tenant;
  const O = otherTenantOf(T);
  const units = s.units;
  const ownUnit = caller.scopeUnit || units[T].A;
  const relUnit = { own: ownUnit, otherBranch: otherBranchUnit(caller), otherTenant: units[O].A, none: ownUnit }[rel];
  const perTenant = (list) => (rel === 'otherTenant' ? list[O][0] : rel === 'otherBranch' ? list[T][1] : list[T][0]);
  return {
    caller, rel, fresh, today: TODAY, yesterday: YESTERDAY, password: caller.password || DEMO_PASSWORD,
    n: nextN,
    unit: () => relUnit,
    freshUnit: async () => (fresh ? createGroup(relUnit) : relUnit),
    member: async () => (fresh ? createMember(relUnit) : sharedMember(relUnit)),
    candidate: async () => (fresh ? createCandidate(relUnit) : sharedCandidate(relUnit)),
    memberIn: (u) => sharedMember(u),
    meeting: async () => (fresh ? createMeeting(relUnit) : sharedMeeting(relUnit)),
    plan: async () => (fresh ? createPlan(relUnit) : sharedPlan(relUnit)),
    duesPayment: async () => (fresh ? createDuesPayment(relUnit) : sharedDuesPayment(relUnit)),
    checklist: () => scoreChecklist(relUnit),
    inspection: async () => (fresh ? createInspection(relUnit) : sharedInspection(relUnit)),
    commendation: async () => (fresh ? createCommendation(relUnit) : sharedCommendation(relUnit)),
    fullScores,
    pointsEntry: async () => (fresh ? createPointsEntry(relUnit) : sharedPointsEntry(relUnit)),
    pledge: async () => (fresh ? createPledge(relUnit) : sharedPledge(relUnit)),
    selfCheck: async () => (fresh ? createSelfCheck(relUnit) : sharedSelfCheck(relUnit)),
    household: async () => (fresh ? createHousehold(relUnit) : sharedHousehold(relUnit)),
    householdVersion, personVersion,
    ownMember: () => sharedMember(ownUnit),
    mover: async () => {
      const g = await sharedGroup(ownUnit);
      return fresh ? createMember(g) : sharedMember(g);
    },
    user: async () => perTenant(s.users),
    ownUser: async () => s.users[T][0],
    role: async () => perTenant(s.roles),
    job: () => {
      if (rel === 'otherTenant') return { id: s.jobs[O] };
      if (rel === 'otherBranch') return { id: s.jobs[T] };
      if (!caller.session) return { id: s.jobs[T] };
      return caller.job ? { id: caller.job } : { na: 'the role cannot start a job (no party:member:import), so it has no job of its own' };
    },
    sub, memberBody, csv, unitVersion, memberVersion, meetingBody, meetingVersion, meetingAttachment, planBody, planVersion,
  };
}

async function waitJob(c, id) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const j = must(await c.get(`/api/v1/jobs/${id}`), 200, 'job');
    if (j.state !== 'running') return j;
    if (Date.now() > deadline) throw new Error(`job ${id} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function startImport(c, unitName) {
  const res = await c.request('POST', '/api/v1/members/import', undefined, { rawBody: csv(unitName), headers: { 'content-type': 'text/csv' } });
  const id = must(res, 202, 'import').job_id;
  const j = await waitJob(c, id);
  assert.equal(j.state, 'done', `fixture import into ${unitName}: ${JSON.stringify(j)}`);
  return id;
}

test('setup: demo sessions, fixture administrators, branches, users, roles and jobs of three tenants', { timeout: 120000 }, async () => {
  s.builtin = builtinRoles();
  assert.ok(Object.keys(s.builtin).length >= 9, `permissions.cpp's BuiltinRoles parsed: ${Object.keys(s.builtin)}`);

  // Fixture users (not walked): a party office, a system and a security administrator per tenant.
  s.fx = {};
  for (const T of TENANTS) {
    s.fx[T] = {};
    for (const [key, role] of [['admin', 'admin'], ['sys', 'sysadmin'], ['sec', 'secadmin']]) {
      const username = `fx.${key}${T}`;
      const r = srv.qizhi(['user', 'add', username, '--name', `矩阵${key}${T}`, '--tenant', String(T), '--role', role], { QIZHI_PASSWORD: FX_PASSWORD });
      assert.equal(r.status, 0, `qizhi user add ${username}: ${r.output}`);
      s.fx[T][key] = await loginAs(srv.url, username, FX_PASSWORD);
    }
  }

  // Two branches of our own under each tenant's root unit, named apart across tenants (an
  // import names its unit).
  s.units = {};
  for (const T of TENANTS) {
    const tree = must(await s.fx[T].admin.get('/api/v1/org/tree'), 200, 'tree').items;
    const root = tree.find((u) => u.parent_id === null && u.tenant_id === T);
    assert.ok(root, `tenant ${T} has a root unit`);
    s.units[T] = {};
    for (const [key, label] of [['A', '甲'], ['B', '乙']]) {
      const b = must(await s.fx[T].admin.post('/api/v1/org/units', { parent_id: root.id, name: `授权矩阵${label}党支部${T}`, kind: 'branch' }), 201, `branch in ${T}`);
      s.units[T][key] = { id: b.id, tenant: T, name: b.name, path: b.path };
    }
  }

  // Throwaway users and roles, two per tenant.
  s.users = {};
  s.roles = {};
  for (const T of TENANTS) {
    s.users[T] = [];
    s.roles[T] = [];
    for (const k of ['a', 'b']) {
      const u = must(await s.fx[T].sys.post('/api/v1/users', { username: `mx.t${T}${k}`, name: `矩阵用户${T}${k}`, password: 'Matrix#Pass2026' }), 201, 'user');
      s.users[T].push({ id: u.id, tenant: T });
      const r = must(await s.fx[T].sec.post('/api/v1/roles', { code: `mx_t${T}${k}`, name: `矩阵角色${T}${k}`, description: '', permissions: ['party:org:list'], require_totp: false }), 201, 'role');
      s.roles[T].push({ id: r.id, tenant: T });
    }
  }

  // Two extra callers, not built-in roles, so that the scope rules meet the permissions no demo
  // role combines with them: the party office's role scoped to the 大足 甲 branch (the demo's
  // only scoped role, the branch secretary, holds no org:edit, transfer, pii or import), and a
  // party office of the superior committee reading every hospital below it (scope:subtree:read)
  // and holding write permissions (the demo's auditor holds none).
  const roleId = async (T, code) => must(await s.fx[T].sec.get('/api/v1/roles?size=200'), 200, 'roles').items.find((r) => r.code === code).id;
  const userId = async (T, username) => must(await s.fx[T].sys.get(`/api/v1/users?q=${encodeURIComponent(username)}`), 200, 'users').items.find((u) => u.username === username).id;
  const superior = must(await s.fx[1].sec.post('/api/v1/roles', {
    code: 'mx_superior_office', name: '矩阵上级党办', description: '授权矩阵：上级党组织的党办',
    permissions: [...s.builtin.admin, 'scope:subtree:read'], require_totp: false,
  }), 201, 'superior role');
  s.extras = [
    { username: 'mx.scoped.admin', label: 'scopedAdmin', tenant: 2, role: () => roleId(2, 'admin'), scopes: [s.units[2].A.id] },
    { username: 'mx.superior', label: 'superiorOffice', tenant: 1, role: async () => superior.id, scopes: [] },
  ];
  for (const x of s.extras) {
    const r = srv.qizhi(['user', 'add', x.username, '--name', `矩阵${x.label}`, '--tenant', String(x.tenant)], { QIZHI_PASSWORD: FX_PASSWORD });
    assert.equal(r.status, 0, `qizhi user add ${x.username}: ${r.output}`);
    must(await s.fx[x.tenant].sec.put(`/api/v1/users/${await userId(x.tenant, x.username)}/roles`, { roles: [await x.role()], scopes: x.scopes }), 200, `grant ${x.username}`);
  }

  // Every user of the three tenants, with scopes, as their system administrators list them.
  const listed = {};
  for (const T of TENANTS) {
    for (const u of must(await s.fx[T].sys.get('/api/v1/users?size=200'), 200, 'users').items) listed[u.username] = { ...u, tenant: T };
  }

  async function makeCaller(name, username, password, builtin) {
    assert.ok(listed[username], `a user ${username} exists`);
    const c = new Client(srv.url);
    const login = must(await c.login(username, password), 200, `login ${username}`);
    if (login.totp_enrol_required) throw new Error(`${username} must enrol TOTP first: the demo roles do not require it; update the test`);
    assert.equal(login.password_expired, false, `${username}'s password is not expired`);
    const me = must(await c.get('/api/v1/me'), 200, `me ${username}`);
    if (builtin) assert.deepEqual(me.roles.map((r) => r.code), [name], `${username} holds exactly its role`);
    const scopes = listed[username].scopes || [];
    assert.ok(scopes.length <= 1, `${username} has at most one scope unit: ${JSON.stringify(scopes)}`);
    const caller = { name, username, password, builtin, session: true, tenant: Number(me.user.tenant_id), permissions: new Set(me.permissions), client: c, scoped: scopes.length > 0 };
    assert.equal(listed[username].tenant, caller.tenant);
    if (caller.scoped) {
      const u = must(await s.fx[caller.tenant].admin.get(`/api/v1/org/units/${scopes[0].id}`), 200, 'scope unit');
      caller.scopeUnit = { id: u.id, tenant: caller.tenant, name: u.name, path: u.path };
      const other = otherBranchUnit(caller);
      assert.ok(other && !other.path.startsWith(u.path), `a branch of tenant ${caller.tenant} outside ${username}'s scope ${u.name}`);
    }
    return caller;
  }

  // The walked callers: one demo user per built-in role (username = role code), no session, and
  // the two extra callers.
  s.callers = [{ name: 'anonymous', session: false, tenant: 2, scoped: false, permissions: new Set(), client: new Client(srv.url) }];
  for (const code of Object.keys(s.builtin)) s.callers.push(await makeCaller(code, code, DEMO_PASSWORD, true));
  for (const x of s.extras) s.callers.push(await makeCaller(x.label, x.username, FX_PASSWORD, false));
  const where = s.callers.filter((c) => c.session).map((c) => `${c.name}@${c.tenant}${c.scoped ? `(${c.scopeUnit.name})` : ''}`);
  for (const c of s.callers) assert.ok(c.tenant in TENANT_PARENT, `${c.name}'s tenant ${c.tenant} is one of the demo's`);
  console.log(`callers: ${where.join(' ')}`);

  // Jobs: one per fixture party office (another user's job), one per walked caller who may import.
  s.jobs = {};
  for (const T of TENANTS) s.jobs[T] = await startImport(s.fx[T].admin, s.units[T].A.name);
  for (const c of s.callers) {
    if (c.session && c.permissions.has('party:member:import')) c.job = await startImport(c.client, (c.scopeUnit || s.units[c.tenant].A).name);
  }
});

test("each demo role's permissions (GET /me) are its built-in role's in permissions.cpp", () => {
  const diff = [];
  for (const c of s.callers.filter((x) => x.builtin)) {
    const want = [...s.builtin[c.name]].sort();
    const got = [...c.permissions].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) diff.push(`  ${c.name}: permissions.cpp ${want.join(',')} | /me ${got.join(',')}`);
  }
  assert.deepEqual(diff, [], `permissions differ:\n${diff.join('\n')}`);
});

// ---- the walk ----

function patternRegex(route) {
  const pattern = route.split(' ')[1];
  return new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z_]+\}/g, '[^/?]+')}(\\?.*)?$`);
}

// The outcome class of an answer (see CLASSES in authz_table.mjs); null: let the entry or `ok` decide.
function basicClass(entry, res) {
  const st = res.status;
  const errs = res.body && typeof res.body === 'object' && Array.isArray(res.body.errors) ? res.body.errors : [];
  const fields = errs.map((e) => (e && e.field) || '').filter(Boolean);
  if (st >= 500) return `server error ${st}`;
  if (st === 401) return 'unauth';
  if (st === 403) {
    if (entry.field && fields.includes(entry.field)) return 'forbiddenTarget';
    return fields.length ? `forbidden(${fields.join(',')})` : 'forbidden';
  }
  if (st === 404) {
    const other = fields.filter((f) => f !== 'id' && f !== 'org');
    return other.length ? `notFound(${other.join(',')})` : 'notFound';
  }
  if (entry.target === 'body' && st === 400 && fields.includes(entry.field)) return 'unknownTarget';
  return null;
}

const SOFT_ALLOWED = new Set([400, 409, 422]);

async function runCell(entry, caller, rel, out) {
  const exp = expected(entry, caller, rel, otherTenantOf(caller.tenant));
  assert.ok(CLASSES.includes(exp), `expected() gave an unknown class ${exp}`);
  const fresh = !!entry.destructive && exp === 'allowed';
  const cell = { entry, caller, rel, expected: exp };
  let req;
  try {
    req = await entry.build(cellContext(caller, rel, fresh));
  } catch (e) {
    out.push({ ...cell, got: `could not build the request: ${e.message}` });
    return;
  }
  if (req.na) {
    out.push({ ...cell, na: req.na });
    return;
  }
  const method = entry.route.split(' ')[0];
  if (!patternRegex(entry.route).test(req.path)) {
    out.push({ ...cell, got: `the request ${method} ${req.path} is not the route's` });
    return;
  }
  const client = req.clone ? caller.client.clone() : caller.client;
  const opts = req.raw !== undefined ? { rawBody: req.raw, headers: { 'content-type': req.contentType } } : {};
  let res;
  try {
    res = await client.request(method, req.path, req.body, opts);
  } catch (e) {
    out.push({ ...cell, got: `request failed: ${e.message}`, req: `${method} ${req.path}` });
    return;
  }
  let got = basicClass(entry, res);
  if (!got && entry.classify) got = await entry.classify(res, client);
  let note = '';
  if (!got) {
    const ok = entry.ok || (entry.write ? null : [200]);
    if (!ok || ok.includes(res.status)) got = 'allowed';
    else if (entry.write && SOFT_ALLOWED.has(res.status)) {
      got = 'allowed';
      note = 'soft';
    } else got = `allowed but ${res.status}`;
  }
  out.push({ ...cell, got, note, status: res.status, req: `${method} ${req.path}`, res });
}

async function pool(tasks, n) {
  let i = 0;
  const workers = Array.from({ length: Math.min(n, tasks.length) }, async () => {
    while (i < tasks.length) {
      const t = tasks[i++];
      await t();
    }
  });
  await Promise.all(workers);
}

const SHORT = { allowed: 'ok', unauth: '401', forbidden: '403', forbiddenTarget: '403f', notFound: '404', unknownTarget: '400f', rowRefused: 'row' };

test('the matrix: every route × role × own/other branch/other tenant answers as the table says', { timeout: 600000 }, async () => {
  const started = Date.now();
  const results = [];
  const rels = (e) => (e.target === 'none' ? ['none'] : RELS);
  const phases = [TABLE.filter((e) => e.phase !== 'last'), TABLE.filter((e) => e.phase === 'last')];
  for (const entries of phases) {
    for (const entry of entries) {
      const tasks = [];
      for (const caller of s.callers) for (const rel of rels(entry)) tasks.push(() => runCell(entry, caller, rel, results));
      await pool(tasks, CONCURRENCY);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const checked = results.filter((r) => !r.na);
  const na = results.filter((r) => r.na);
  const mismatches = checked.filter((r) => r.got !== r.expected);
  const byExpected = {};
  for (const r of checked) byExpected[r.expected] = (byExpected[r.expected] || 0) + 1;
  const soft = checked.filter((r) => r.note === 'soft' && r.got === r.expected);

  const lines = [];
  lines.push(`authorisation matrix: ${TABLE.length} entries for ${new Set(TABLE.map((e) => e.route)).size} routes × ${s.callers.length} callers: ${checked.length} cells checked, ${na.length} not applicable, ${mismatches.length} mismatches, ${seconds} s`);
  lines.push(`  expected: ${Object.entries(byExpected).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (na.length) {
    const reasons = {};
    for (const r of na) (reasons[r.na] ||= []).push(`${r.caller.name}/${r.rel} ${entryName(r.entry)}`);
    lines.push(`  not applicable (${na.length}):`);
    for (const [reason, cells] of Object.entries(reasons)) lines.push(`    ${cells.length}× ${reason}: ${cells.join('; ')}`);
  }
  if (soft.length) {
    lines.push(`  allowed through the checks but refused for the record's state (${soft.length}):`);
    for (const r of soft) lines.push(`    ${r.caller.name}/${r.rel} ${r.req} → ${r.status} ${JSON.stringify(r.res.body?.errors ?? '').slice(0, 160)}`);
  }
  if (process.env.QIZHI_AUTHZ_VERBOSE) {
    lines.push(`  grid (${s.callers.map((c) => c.name).join(' ')}; own/otherBranch/otherTenant):`);
    for (const entry of TABLE) {
      const row = s.callers.map((c) => results.filter((r) => r.entry === entry && r.caller === c)
        .sort((a, b) => RELS.indexOf(a.rel) - RELS.indexOf(b.rel))
        .map((r) => (r.na ? 'n/a' : SHORT[r.got] || r.got) + (r.got !== r.expected && !r.na ? '!' : '')).join('/'));
      lines.push(`    ${entryName(entry).padEnd(62)} ${row.join('  ')}`);
    }
  }
  console.log(lines.join('\n'));

  const describe = (r) => {
    const body = r.res ? (typeof r.res.body === 'string' ? r.res.body.slice(0, 200) : JSON.stringify(r.res.body)?.slice(0, 200)) : '';
    return `  ${r.caller.name.padEnd(9)} ${r.rel.padEnd(11)} ${entryName(r.entry)}: expected ${r.expected}, got ${r.got}${r.req ? `\n      ${r.req} → ${r.status ?? ''} ${body}` : ''}`;
  };
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${checked.length} cells differ from the table:\n${mismatches.map(describe).join('\n')}`);
  assert.ok(checked.length > 0);
});
