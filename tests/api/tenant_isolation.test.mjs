// Tenant isolation: each hospital sees only its own users; the superior committee's auditor reads
// the organisation of every hospital below it and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, show } from './lib/client.mjs';

const srv = useServer();
const s = {};
const B_PASSWORD = 'Yiyuan#Sys2026';
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;

async function allPages(c, path) {
  const items = [];
  for (let page = 1; page < 100; page++) {
    const b = expectJson(await c.get(`${path}${path.includes('?') ? '&' : '?'}size=200&page=${page}`), 200);
    items.push(...b.items);
    if (items.length >= b.total || b.items.length === 0) return { items, total: b.total };
  }
  throw new Error('too many pages');
}

test('the demo has a superior committee and three hospitals', () => {
  const tenants = srv.rows('SELECT id, parent_id, name, kind, path FROM tenants ORDER BY id')
    .map(([id, parent_id, name, kind, path]) => ({ id, parent_id, name, kind, path }));
  const a = tenants.find((t) => t.name === '大足区人民医院');
  assert.ok(a, `hospital 大足区人民医院 exists: ${JSON.stringify(tenants)}`);
  assert.equal(a.kind, 'hospital');
  const committee = tenants.find((t) => t.id === a.parent_id);
  assert.ok(committee, 'its parent exists');
  assert.equal(committee.kind, 'committee');
  const hospitals = tenants.filter((t) => t.parent_id === committee.id && t.kind === 'hospital');
  assert.equal(hospitals.length, 3, `three hospitals: ${JSON.stringify(hospitals)}`);
  s.a = a;
  s.committee = committee;
  s.hospitals = hospitals;
  [s.b, s.c] = hospitals.filter((t) => t.id !== a.id);
});

test('qizhi user add creates a system administrator in hospital B', () => {
  const r = srv.qizhi(['user', 'add', 'b.sysadmin', '--name', '乙院系统管理员', '--tenant', s.b.id, '--role', 'sysadmin'], { QIZHI_PASSWORD: B_PASSWORD });
  assert.equal(r.status, 0, `user add: ${r.output}`);
  const r2 = srv.qizhi(['user', 'add', 'b.member', '--name', '乙院党员', '--tenant', s.b.id, '--role', 'member'], { QIZHI_PASSWORD: B_PASSWORD });
  assert.equal(r2.status, 0, `user add: ${r2.output}`);
  const rows = srv.rows(`SELECT id, tenant_id FROM users WHERE username = 'b.sysadmin'`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0][1], s.b.id);
  s.bUserId = rows[0][0];
  s.bMemberId = srv.rows(`SELECT id FROM users WHERE username = 'b.member'`)[0][0];
  s.aAdminId = srv.rows(`SELECT id FROM users WHERE username = 'admin'`)[0][0];
  // Where the demo puts its users: the committee's auditor, hospital A's party office, leader,
  // outreach and three administrators; the branch secretary and a member in hospital B.
  const tenantOf = Object.fromEntries(srv.rows(`SELECT username, tenant_id FROM users`));
  for (const n of ['admin', 'outreach', 'leader', 'sysadmin', 'secadmin', 'audadmin']) assert.equal(tenantOf[n], s.a.id, `${n} is A's`);
  for (const n of ['secretary', 'member']) assert.equal(tenantOf[n], s.b.id, `${n} is B's`);
  assert.equal(tenantOf.auditor, s.committee.id, "auditor is the committee's");
  // The same username cannot be added twice.
  const dup = srv.qizhi(['user', 'add', 'b.sysadmin', '--name', '重复', '--tenant', s.c.id], { QIZHI_PASSWORD: B_PASSWORD });
  assert.notEqual(dup.status, 0, `duplicate user add fails: ${dup.output}`);
});

test("B's sysadmin sees only B's users", async () => {
  s.bsys = new Client(srv.url);
  const login = expectJson(await s.bsys.login('b.sysadmin', B_PASSWORD), 200);
  assert.equal(String(login.user.tenant_id), String(s.b.id));
  assert.equal(login.user.tenant_name, s.b.name);
  const { items, total } = await allPages(s.bsys, '/api/v1/users');
  const names = items.map((u) => u.username).sort();
  // B holds the two users added above and the demo's branch secretary and member.
  assert.deepEqual(names, ['b.member', 'b.sysadmin', 'member', 'secretary'], `B users: ${names}`);
  for (const n of ['admin', 'outreach', 'leader', 'sysadmin', 'secadmin', 'audadmin', 'auditor']) assert.ok(!names.includes(n), `${n} is not B's: ${names}`);
  const inB = Number(srv.sql(`SELECT count(*) FROM users WHERE tenant_id = ${q(s.b.id)} AND ended_at IS NULL`));
  assert.equal(total, inB);
  assert.equal(expectJson(await s.bsys.get('/api/v1/users?q=admin'), 200).items.filter((u) => u.username === 'admin').length, 0);
});

test("A's sysadmin does not see B's users and gets 404 on B's user id", async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  s.asys = sys;
  const { items } = await allPages(sys, '/api/v1/users');
  assert.ok(!items.some((u) => u.username.startsWith('b.')), `no B users in A: ${items.map((u) => u.username)}`);
  assert.deepEqual(items.map((u) => u.username).sort(), ['admin', 'audadmin', 'leader', 'outreach', 'secadmin', 'sysadmin'], 'A lists exactly its own demo users');
  for (const n of ['secretary', 'member']) assert.equal(expectJson(await sys.get(`/api/v1/users?q=${n}`), 200).items.filter((u) => u.username === n).length, 0, `B's ${n} is not listed to A`);
  assert.equal(expectJson(await sys.get('/api/v1/users?q=b.sysadmin'), 200).total, 0);
  const id = s.bUserId;
  expectProblem(await sys.patch(`/api/v1/users/${id}`, { name: '被改名' }), 404);
  expectProblem(await sys.post(`/api/v1/users/${id}/lock`), 404);
  expectProblem(await sys.post(`/api/v1/users/${id}/unlock`), 404);
  expectProblem(await sys.get(`/api/v1/users/${id}/phone`), 404);
  expectProblem(await sys.post(`/api/v1/users/${id}/password`, { password: 'Hijack#Pass2026' }), 404);
  // Nothing happened to the B user.
  assert.equal(srv.sql(`SELECT name FROM users WHERE id = ${q(id)} AND tenant_id = ${q(s.b.id)}`), '乙院系统管理员');
  expectJson(await new Client(srv.url).login('b.sysadmin', B_PASSWORD), 200);
  expectProblem(await new Client(srv.url).login('b.sysadmin', 'Hijack#Pass2026'), 401, 'password');
});

test('usernames are unique across hospitals (login has no hospital field): 409 field username', async () => {
  // leader is A's, auditor the committee's: B cannot take their names.
  expectProblem(await s.bsys.post('/api/v1/users', { username: 'leader', name: '重名', password: 'Str0ng#Pass1' }), 409, 'username');
  expectProblem(await s.bsys.post('/api/v1/users', { username: 'auditor', name: '重名', password: 'Str0ng#Pass1' }), 409, 'username');
  const b = expectJson(await s.bsys.post('/api/v1/users', { username: 'b.new', name: '乙院新人', password: 'Str0ng#Pass1' }), 201);
  assert.equal(srv.sql(`SELECT tenant_id FROM users WHERE username = 'b.new'`), String(s.b.id), "created in B, the creator's hospital");
  assert.equal(b.username, 'b.new');
});

test("B's sysadmin gets 404 on A's user id; A's secadmin gets 404 assigning roles to B's user", async () => {
  const id = s.aAdminId;
  expectProblem(await s.bsys.patch(`/api/v1/users/${id}`, { name: '被改名' }), 404);
  expectProblem(await s.bsys.post(`/api/v1/users/${id}/lock`), 404);
  expectProblem(await s.bsys.get(`/api/v1/users/${id}/phone`), 404);
  expectJson(await new Client(srv.url).login('admin', DEMO_PASSWORD), 200);
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const roles = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items;
  const member = roles.find((r) => r.code === 'member');
  assert.ok(member);
  expectProblem(await sec.put(`/api/v1/users/${s.bMemberId}/roles`, { roles: [member.id], scopes: [] }), 404);
});

test("A's audit administrator sees only A's audit rows", async () => {
  const aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
  const list = expectJson(await aud.get('/api/v1/audit?size=200'), 200);
  assert.ok(list.items.length > 0);
  assert.ok(list.items.every((r) => String(r.tenant_id) === String(s.a.id)), `only tenant ${s.a.id}: ${JSON.stringify(list.items.map((r) => r.tenant_id))}`);
  assert.ok(!list.items.some((r) => r.username === 'b.sysadmin'), "no B logins in A's log");
});

test('the auditor (superior committee) lists the org units of every hospital', async () => {
  const c = new Client(srv.url);
  const login = expectJson(await c.login('auditor', DEMO_PASSWORD), 200);
  assert.equal(String(login.user.tenant_id), String(s.committee.id));
  s.auditor = c;
  const { items } = await allPages(c, '/api/v1/org/units');
  for (const u of items) for (const k of ['id', 'parent_id', 'name', 'kind', 'path']) assert.ok(k in u, `unit has ${k}: ${JSON.stringify(u)}`);
  const key = (id, name, path) => `${id}|${name}|${path}`;
  const seen = new Set(items.map((u) => key(u.id, u.name, u.path)));
  for (const h of s.hospitals) {
    const units = srv.rows(`SELECT id, name, path FROM org_units WHERE tenant_id = ${q(h.id)} AND ended_at IS NULL`);
    assert.ok(units.length > 0, `the demo has org units in ${h.name}`);
    for (const [id, name, path] of units) {
      assert.ok(seen.has(key(id, name, path)), `auditor sees unit ${name} (${path}) of ${h.name}`);
    }
  }
});

test("a hospital's own party office sees only its hospital's units", async () => {
  const admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const { items } = await allPages(admin, '/api/v1/org/units');
  assert.ok(items.length > 0);
  const aUnits = new Set(srv.rows(`SELECT id, name, path FROM org_units WHERE tenant_id = ${q(s.a.id)}`).map((r) => r.join('|')));
  for (const u of items) assert.ok(aUnits.has(`${u.id}|${u.name}|${u.path}`), `unit ${u.name} (${u.path}) belongs to A`);
});

test('the auditor is read-only: every write is 403', async () => {
  const c = s.auditor;
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const roles = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items;
  const policy = expectJson(await sec.get('/api/v1/policy'), 200);
  const role = roles.find((r) => r.code === 'member');
  const id = s.aAdminId;
  const writes = [
    ['POST', '/api/v1/users', { username: 'auditor.made', name: '越权', password: 'Str0ng#Pass1' }],
    ['PATCH', `/api/v1/users/${id}`, { name: '被改名' }],
    ['POST', `/api/v1/users/${id}/lock`, undefined],
    ['POST', `/api/v1/users/${id}/unlock`, undefined],
    ['POST', `/api/v1/users/${id}/password`, { password: 'Hijack#Pass2026' }],
    ['PUT', `/api/v1/users/${id}/roles`, { roles: [], scopes: [] }],
    ['POST', '/api/v1/roles', { code: 'auditor_made', name: '越权', description: '', permissions: ['party:org:list'], require_totp: false }],
    ['PATCH', `/api/v1/roles/${role.id}`, { name: '被改', description: '', permissions: [], require_totp: false }],
    ['PUT', '/api/v1/policy', { ...policy, password_min_length: 6 }],
  ];
  for (const [method, path, body] of writes) {
    expectProblem(await c.request(method, path, body), 403);
  }
  expectJson(await new Client(srv.url).login('admin', DEMO_PASSWORD), 200);
  assert.equal(expectJson(await sec.get('/api/v1/policy'), 200).password_min_length, policy.password_min_length);
});

test("A's security administrator cannot touch B's roles or org units", async () => {
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const bRole = srv.rows(`SELECT id FROM roles WHERE tenant_id = ${q(s.b.id)} AND code = 'member'`);
  assert.equal(bRole.length, 1, 'hospital B has its own member role');
  const bRoleId = bRole[0][0];
  const aRoles = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items;
  assert.ok(!aRoles.some((r) => String(r.id) === String(bRoleId)), "B's role is not listed to A");
  const aMember = aRoles.find((r) => r.code === 'member');
  assert.ok(aMember);
  expectProblem(await sec.patch(`/api/v1/roles/${bRoleId}`, { name: '被改', description: '', permissions: [], require_totp: false }), 404);
  const aUserId = srv.rows(`SELECT id FROM users WHERE username = 'leader' AND tenant_id = ${q(s.a.id)}`)[0][0];
  // Its current grants: role codes and scope count.
  const aUserRoles = () => srv.sql(`SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.tenant_id = ur.tenant_id WHERE ur.user_id = ${q(aUserId)} AND ur.revoked_at IS NULL ORDER BY r.code`)
    + ` scopes ${srv.sql(`SELECT count(*) FROM user_scopes WHERE user_id = ${q(aUserId)} AND revoked_at IS NULL`)}`;
  const rolesBefore = aUserRoles();
  assert.equal(rolesBefore, 'leader scopes 0');
  const foreignRole = await sec.put(`/api/v1/users/${aUserId}/roles`, { roles: [Number(bRoleId)], scopes: [] });
  assert.ok([400, 404].includes(foreignRole.status), `assigning B's role to an A user is refused: ${show(foreignRole)}`);
  expectProblem(foreignRole, foreignRole.status);
  const bUnit = srv.rows(`SELECT id FROM org_units WHERE tenant_id = ${q(s.b.id)} AND ended_at IS NULL`)[0][0];
  const aUnitIds = new Set(srv.rows(`SELECT id FROM org_units WHERE tenant_id = ${q(s.a.id)}`).map((r) => r[0]));
  if (!aUnitIds.has(bUnit)) {
    const foreignScope = await sec.put(`/api/v1/users/${aUserId}/roles`, { roles: [aMember.id], scopes: [Number(bUnit)] });
    assert.ok([400, 404].includes(foreignScope.status), `a scope in B for an A user is refused: ${show(foreignScope)}`);
  }
  assert.equal(aUserRoles(), rolesBefore, "the A user's roles and scopes are unchanged");
  assert.equal(srv.sql(`SELECT name FROM roles WHERE id = ${q(bRoleId)} AND tenant_id = ${q(s.b.id)}`), '党员');
});

test("a broken chain in hospital B is not A's business, but qizhi verify-audit sees it", async () => {
  const bSeqs = srv.rows(`SELECT seq FROM audit_log WHERE tenant_id = ${q(s.b.id)} ORDER BY seq`).map((r) => Number(r[0]));
  assert.ok(bSeqs.length >= 2, `B has audit rows (its sysadmin logged in): ${bSeqs}`);
  const victim = bSeqs[0];
  srv.sql(`UPDATE audit_log SET username = 'someone.else' WHERE tenant_id = ${q(s.b.id)} AND seq = ${victim}`);
  const aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
  const v = expectJson(await aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, true, `A's chain is whole and B's is not reported to A: ${JSON.stringify(v)}`);
  assert.equal(v.first_broken, null);
  const cli = srv.qizhi(['verify-audit', '--db', srv.dbUrl]);
  assert.equal(cli.status, 1, cli.output);
  assert.match(cli.output, new RegExp(`(?<![\\d:.T-])${victim}(?![\\d:.Z-])`), cli.output);
});
