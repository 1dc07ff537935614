// 等保 three administrators: system (users), security (roles, policy, assignment), audit (log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, show } from './lib/client.mjs';

const srv = useServer();
const s = {};

const POLICY_KEYS = ['password_min_length', 'password_min_classes', 'password_max_age_days', 'lockout_failures',
  'lockout_window_minutes', 'lockout_minutes', 'idle_timeout_minutes', 'absolute_timeout_hours'];

test('sessions of the three administrators', async () => {
  s.sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  s.sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  s.aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
});

test('sysadmin lists, adds and locks users', async () => {
  const list = expectJson(await s.sys.get('/api/v1/users'), 200);
  assert.ok(Array.isArray(list.items));
  assert.equal(list.page, 1);
  assert.equal(list.size, 20);
  // The demo users of 大足区人民医院 (secretary and member sit in 江北, auditor in the committee).
  const demoUsers = ['admin', 'audadmin', 'leader', 'outreach', 'secadmin', 'sysadmin'];
  assert.equal(list.total, demoUsers.length, `demo users listed: ${list.total}`);
  assert.deepEqual(list.items.map((u) => u.username).sort(), demoUsers);
  const created = expectJson(await s.sys.post('/api/v1/users', { username: 'sep.user', name: '分权测试', password: 'Str0ng#Pass1' }), 201);
  assert.equal(created.username, 'sep.user');
  s.userId = created.id;
  const locked = expectJson(await s.sys.post(`/api/v1/users/${created.id}/lock`), 200);
  assert.equal(locked.status, 'locked');
  const unlocked = expectJson(await s.sys.post(`/api/v1/users/${created.id}/unlock`), 200);
  assert.equal(unlocked.status, 'active');
});

test('sysadmin: 403 on roles, permissions, policy, role assignment and audit', async () => {
  expectProblem(await s.sys.get('/api/v1/roles'), 403);
  expectProblem(await s.sys.get('/api/v1/permissions'), 403);
  expectProblem(await s.sys.post('/api/v1/roles', { code: 'sys_made', name: '越权', description: '', permissions: ['party:org:list'], require_totp: false }), 403);
  expectProblem(await s.sys.get('/api/v1/policy'), 403);
  expectProblem(await s.sys.put('/api/v1/policy', { password_min_length: 6 }), 403);
  expectProblem(await s.sys.put(`/api/v1/users/${s.userId}/roles`, { roles: [], scopes: [] }), 403);
  expectProblem(await s.sys.get('/api/v1/audit'), 403);
  expectProblem(await s.sys.get('/api/v1/audit/verify'), 403);
  expectProblem(await s.sys.get('/api/v1/org/units'), 403);
});

test('secadmin edits roles and policy and assigns roles', async () => {
  const perms = expectJson(await s.sec.get('/api/v1/permissions'), 200);
  assert.ok(Array.isArray(perms.items));
  const codes = perms.items.map((p) => p.code);
  for (const p of ['system:user:list', 'security:role:edit', 'audit:log:list', 'party:org:list']) assert.ok(codes.includes(p), `permission ${p} listed`);
  for (const p of perms.items) {
    assert.equal(typeof p.title, 'string');
    assert.equal(typeof p.group, 'string');
  }

  const roles = expectJson(await s.sec.get('/api/v1/roles?size=200'), 200);
  s.roles = Object.fromEntries(roles.items.map((r) => [r.code, r]));
  const expectClass = { sysadmin: 'system', secadmin: 'security', audadmin: 'audit', admin: null, secretary: null, member: null, outreach: null, leader: null, auditor: null };
  for (const [code, cls] of Object.entries(expectClass)) {
    const r = s.roles[code];
    assert.ok(r, `role ${code} listed`);
    assert.equal(r.admin_class, cls, `admin_class of ${code}`);
    assert.equal(r.builtin, true, `${code} is builtin`);
    assert.ok(Array.isArray(r.permissions));
  }
  assert.equal(s.roles.admin.name, '党办管理员');
  assert.equal(s.roles.auditor.name, '上级/审计');
  assert.deepEqual([...s.roles.audadmin.permissions].sort(), ['audit:log:list', 'audit:log:verify']);
  for (const p of ['system:user:list', 'system:user:add', 'system:user:edit', 'system:user:lock', 'system:user:reset-password', 'system:user:pii', 'system:config:view']) {
    assert.ok(s.roles.sysadmin.permissions.includes(p), `sysadmin role has ${p}`);
  }
  for (const p of ['security:role:list', 'security:role:edit', 'security:user:assign', 'security:policy:view', 'security:policy:edit']) {
    assert.ok(s.roles.secadmin.permissions.includes(p), `secadmin role has ${p}`);
  }

  const leader = s.roles.leader;
  const patched = expectJson(await s.sec.patch(`/api/v1/roles/${leader.id}`, {
    name: leader.name, description: '院领导（已修改）', permissions: leader.permissions, require_totp: false,
  }), 200);
  assert.equal(patched.description, '院领导（已修改）');
  assert.equal(patched.code, 'leader');

  const created = expectJson(await s.sec.post('/api/v1/roles', {
    code: 'viewer', name: '查看员', description: '只读', permissions: ['party:org:list'], require_totp: false,
  }), 201);
  assert.equal(created.code, 'viewer');
  assert.equal(created.admin_class, null);
  assert.equal(created.builtin, false);
  assert.deepEqual(created.permissions, ['party:org:list']);

  const policy = expectJson(await s.sec.get('/api/v1/policy'), 200);
  assert.deepEqual(Object.fromEntries(POLICY_KEYS.map((k) => [k, policy[k]])), {
    password_min_length: 8, password_min_classes: 3, password_max_age_days: 90, lockout_failures: 5,
    lockout_window_minutes: 15, lockout_minutes: 15, idle_timeout_minutes: 30, absolute_timeout_hours: 12,
  });
  const put = expectJson(await s.sec.put('/api/v1/policy', { ...policy, password_min_length: 10 }), 200);
  assert.equal(put.password_min_length, 10);
  assert.equal(expectJson(await s.sec.get('/api/v1/policy'), 200).password_min_length, 10);
  assert.equal(expectJson(await s.sys.get('/api/v1/me'), 200).password_policy.min_length, 10, '/me shows the policy in force');
  // The policy drives validation: 9 characters are now too short, 10 are enough.
  expectProblem(await s.sys.post('/api/v1/users', { username: 'policy.user', name: '策略', password: 'Abcde#123' }), 400, 'password');
  expectJson(await s.sys.post('/api/v1/users', { username: 'policy.user', name: '策略', password: 'Abcde#1234' }), 201);
  expectJson(await s.sec.put('/api/v1/policy', { ...policy }), 200);
  expectJson(await s.sys.post('/api/v1/users', { username: 'policy.user2', name: '策略', password: 'Abcde#12' }), 201);

  // Security roles may list org units to pick scopes.
  const units = expectJson(await s.sec.get('/api/v1/org/units'), 200);
  assert.ok(units.items.length > 0, 'secadmin sees the org units');
  const unit = units.items[0];
  const assigned = expectJson(await s.sec.put(`/api/v1/users/${s.userId}/roles`, { roles: [s.roles.secretary.id], scopes: [unit.id] }), 200);
  assert.deepEqual(assigned.roles, ['secretary']);
  assert.deepEqual(assigned.scopes, [{ id: unit.id, name: unit.name }]);
  const listed = expectJson(await s.sys.get('/api/v1/users?q=sep.user'), 200).items.find((u) => u.username === 'sep.user');
  assert.deepEqual(listed.roles, ['secretary']);
  assert.deepEqual(listed.scopes, [{ id: unit.id, name: unit.name }]);
  const me = expectJson(await (await loginAs(srv.url, 'sep.user', 'Str0ng#Pass1')).get('/api/v1/me'), 200);
  assert.deepEqual(me.roles.map((r) => r.code), ['secretary']);
});

test('the roles list is paginated and sortable like every list', async () => {
  const roles = expectJson(await s.sec.get('/api/v1/roles?size=200'), 200);
  assert.equal(roles.page, 1, 'page');
  assert.equal(roles.size, 200, 'size echoes the request');
  assert.equal(roles.total, roles.items.length, 'total');
  const def = expectJson(await s.sec.get('/api/v1/roles'), 200);
  assert.equal(def.size, 20, 'default size 20');
  const paged = expectJson(await s.sec.get('/api/v1/roles?size=2&page=2&sort=code'), 200);
  assert.equal(paged.page, 2);
  assert.equal(paged.size, 2);
  assert.deepEqual(paged.items.map((r) => r.code), roles.items.map((r) => r.code).sort().slice(2, 4));
});

test('the org units list answers with page and size like every list', async () => {
  // The demo hospital has more current units than one default page holds.
  const inTenant = Number(srv.sql("SELECT count(*) FROM org_units WHERE tenant_id = (SELECT tenant_id FROM users WHERE username = 'secadmin') AND ended_at IS NULL"));
  assert.ok(inTenant > 50, `current org units of the hospital: ${inTenant}`);
  const units = expectJson(await s.sec.get('/api/v1/org/units'), 200);
  assert.equal(units.page, 1);
  assert.equal(units.size, 20, 'default size 20');
  assert.equal(units.total, inTenant, 'total: every current unit of the hospital');
  assert.equal(units.items.length, 20, 'a full default page');
  const big = expectJson(await s.sec.get('/api/v1/org/units?size=50'), 200);
  assert.equal(big.size, 50, 'size echoes the request');
  assert.equal(big.total, inTenant);
  assert.equal(big.items.length, 50);
  const all = expectJson(await s.sec.get('/api/v1/org/units?size=200'), 200);
  assert.equal(all.items.length, inTenant, 'size 200 holds them all');
  const second = expectJson(await s.sec.get('/api/v1/org/units?page=2'), 200);
  assert.equal(second.page, 2);
  assert.deepEqual(second.items.map((u) => u.id), all.items.slice(20, 40).map((u) => u.id), 'page 2 continues page 1');
});

test('secadmin: 403 on adding users and on the audit log', async () => {
  expectProblem(await s.sec.post('/api/v1/users', { username: 'sec.made', name: '越权', password: 'Str0ng#Pass1' }), 403);
  expectProblem(await s.sec.post(`/api/v1/users/${s.userId}/lock`), 403);
  expectProblem(await s.sec.post(`/api/v1/users/${s.userId}/password`, { password: 'Str0ng#Pass2' }), 403);
  expectProblem(await s.sec.get(`/api/v1/users/${s.userId}/phone`), 403);
  expectProblem(await s.sec.get('/api/v1/audit'), 403);
  expectProblem(await s.sec.get('/api/v1/audit/verify'), 403);
  // It may list users to grant roles, but sees their phones masked only.
  const list = expectJson(await s.sec.get('/api/v1/users'), 200);
  assert.ok(list.items.length > 0);
  for (const u of list.items) assert.ok(!u.phone || /^\d{3}\*{4}\d{4}$/.test(u.phone), `masked phone ${u.phone}`);
});

test('audadmin reads the audit log and verifies it', async () => {
  const list = expectJson(await s.aud.get('/api/v1/audit'), 200);
  assert.ok(Array.isArray(list.items));
  assert.ok(list.total > 0);
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, true);
  assert.equal(v.first_broken, null);
  assert.ok(v.checked > 0);
});

test('audadmin: 403 on users, roles, policy', async () => {
  expectProblem(await s.aud.get('/api/v1/users'), 403);
  expectProblem(await s.aud.post('/api/v1/users', { username: 'aud.made', name: '越权', password: 'Str0ng#Pass1' }), 403);
  expectProblem(await s.aud.get('/api/v1/roles'), 403);
  expectProblem(await s.aud.patch(`/api/v1/roles/${s.roles.member.id}`, { name: '党员', description: '', permissions: [], require_totp: false }), 403);
  expectProblem(await s.aud.get('/api/v1/policy'), 403);
  expectProblem(await s.aud.put(`/api/v1/users/${s.userId}/roles`, { roles: [], scopes: [] }), 403);
  expectProblem(await s.aud.get('/api/v1/org/units'), 403);
});

test('two administrator classes on one user → 409 field roles', async () => {
  const r = s.roles;
  expectProblem(await s.sec.put(`/api/v1/users/${s.userId}/roles`, { roles: [r.sysadmin.id, r.audadmin.id], scopes: [] }), 409, 'roles');
  expectProblem(await s.sec.put(`/api/v1/users/${s.userId}/roles`, { roles: [r.sysadmin.id, r.secadmin.id], scopes: [] }), 409, 'roles');
  expectProblem(await s.sec.put(`/api/v1/users/${s.userId}/roles`, { roles: [r.secadmin.id, r.audadmin.id], scopes: [] }), 409, 'roles');
  const me = expectJson(await (await loginAs(srv.url, 'sep.user', 'Str0ng#Pass1')).get('/api/v1/me'), 200);
  assert.deepEqual(me.roles.map((x) => x.code), ['secretary'], 'roles unchanged after the refusal');
});

test('unknown role id → 404; unknown user id for role assignment → 404', async () => {
  const r = s.roles.member;
  expectProblem(await s.sec.patch('/api/v1/roles/987654', { name: r.name, description: '', permissions: [], require_totp: false }), 404);
  expectProblem(await s.sec.put('/api/v1/users/987654/roles', { roles: [r.id], scopes: [] }), 404);
});

test('a role mixing two administrator classes → 400 field permissions', async () => {
  expectProblem(await s.sec.post('/api/v1/roles', {
    code: 'mixed', name: '混合', description: '', permissions: ['system:user:list', 'audit:log:list'], require_totp: false,
  }), 400, 'permissions');
  expectProblem(await s.sec.post('/api/v1/roles', {
    code: 'mixed2', name: '混合二', description: '', permissions: ['security:role:list', 'system:user:add'], require_totp: false,
  }), 400, 'permissions');
  const m = s.roles.member;
  expectProblem(await s.sec.patch(`/api/v1/roles/${m.id}`, {
    name: m.name, description: m.description, permissions: ['security:policy:view', 'audit:log:verify'], require_totp: false,
  }), 400, 'permissions');
  const roles = expectJson(await s.sec.get('/api/v1/roles?size=200'), 200).items;
  assert.ok(!roles.some((x) => x.code === 'mixed' || x.code === 'mixed2'), 'mixed roles not created');
  assert.deepEqual(roles.find((x) => x.code === 'member').permissions, m.permissions, 'member role unchanged');
});

for (const user of ['admin', 'secretary', 'member', 'outreach', 'leader', 'auditor']) {
  test(`ordinary role ${user}: 403 on users, roles, policy and audit`, async () => {
    const c = await loginAs(srv.url, user, DEMO_PASSWORD);
    expectProblem(await c.get('/api/v1/users'), 403);
    expectProblem(await c.post('/api/v1/users', { username: `${user}.made`, name: '越权', password: 'Str0ng#Pass1' }), 403);
    expectProblem(await c.get('/api/v1/roles'), 403);
    expectProblem(await c.get('/api/v1/policy'), 403);
    expectProblem(await c.get('/api/v1/audit'), 403);
    expectProblem(await c.get('/api/v1/audit/verify'), 403);
  });
}

test('unauthenticated: 401 on every administrator route', async () => {
  const c = new Client(srv.url);
  for (const p of ['/api/v1/users', '/api/v1/roles', '/api/v1/permissions', '/api/v1/policy', '/api/v1/audit', '/api/v1/audit/verify', '/api/v1/org/units']) {
    expectProblem(await c.get(p), 401);
  }
});

test('qizhi routes names the permission of each contract route', () => {
  const r = srv.qizhi(['routes']);
  assert.equal(r.status, 0, r.output);
  const lines = new Set(r.stdout.split('\n').map((l) => l.trim().split(/\s+/).join(' ')));
  const expected = [
    'GET /api/v1/users system:user:list|security:user:assign', 'POST /api/v1/users system:user:add',
    'PATCH /api/v1/users/{id} system:user:edit', 'POST /api/v1/users/{id}/lock system:user:lock',
    'POST /api/v1/users/{id}/unlock system:user:lock', 'POST /api/v1/users/{id}/password system:user:reset-password',
    'GET /api/v1/users/{id}/phone system:user:pii', 'GET /api/v1/permissions security:role:list',
    'GET /api/v1/roles security:role:list', 'POST /api/v1/roles security:role:edit',
    'PATCH /api/v1/roles/{id} security:role:edit', 'PUT /api/v1/users/{id}/roles security:user:assign',
    'GET /api/v1/policy security:policy:view', 'PUT /api/v1/policy security:policy:edit',
    'GET /api/v1/audit audit:log:list', 'GET /api/v1/audit/verify audit:log:verify',
  ];
  for (const e of expected) assert.ok(lines.has(e), `route table has "${e}":\n${r.stdout}`);
});
