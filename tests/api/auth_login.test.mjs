// Login, the session cookie, identical failures for bad password and unknown user, logout, /me.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const srv = useServer();
const LOGIN = '/api/v1/auth/login';

function sessionCookie(res) {
  const all = res.setCookies.filter((l) => /^\s*qz_session=/.test(l));
  assert.equal(all.length, 1, `exactly one qz_session Set-Cookie: ${JSON.stringify(res.setCookies)}`);
  return all[0];
}

test('good login: 200 with the user, csrf token, flags, and a qz_session cookie', async () => {
  const c = new Client(srv.url);
  const res = await c.login('admin', DEMO_PASSWORD);
  const b = expectJson(res, 200);
  assert.equal(typeof b.user, 'object');
  assert.equal(b.user.username, 'admin');
  assert.ok(Number.isInteger(Number(b.user.id)) && b.user.id !== null, `user.id: ${show(res)}`);
  assert.equal(typeof b.user.name, 'string');
  assert.ok(b.user.name.length > 0);
  assert.ok(b.user.tenant_id !== undefined && b.user.tenant_id !== null, `user.tenant_id: ${show(res)}`);
  assert.equal(b.user.tenant_name, '大足区人民医院');
  assert.equal(typeof b.csrf_token, 'string');
  assert.ok(b.csrf_token.length >= 16, 'csrf token has enough entropy');
  assert.equal(b.password_expired, false);
  assert.equal(b.totp_enrol_required, false);
  assert.equal(b.password, undefined, 'no password in the answer');
  assert.equal(b.user.password_hash, undefined, 'no password hash in the answer');
});

test('session cookie: HttpOnly, SameSite=Strict, Path=/, no Secure over plain http', async () => {
  const c = new Client(srv.url);
  const res = await c.login('admin', DEMO_PASSWORD);
  expectStatus(res, 200);
  const line = sessionCookie(res);
  const parts = line.split(';').map((s) => s.trim().toLowerCase());
  assert.ok(parts.includes('httponly'), `HttpOnly: ${line}`);
  assert.ok(parts.includes('samesite=strict'), `SameSite=Strict: ${line}`);
  assert.ok(parts.includes('path=/'), `Path=/: ${line}`);
  assert.ok(!parts.includes('secure'), `no Secure over http: ${line}`);
  assert.ok(!res.setCookies.some((l) => /^\s*__Host-qz_session=/.test(l)), 'no __Host- cookie over http');
  const value = c.jar.get('qz_session');
  assert.ok(value && value.length >= 20, `session token long enough: ${line}`);
});

test('the session token changes at each login (also when the old cookie is sent)', async () => {
  const c = new Client(srv.url);
  expectStatus(await c.login('admin', DEMO_PASSWORD), 200);
  const first = c.jar.get('qz_session');
  const again = await c.login('admin', DEMO_PASSWORD); // sends the old cookie
  expectStatus(again, 200);
  sessionCookie(again);
  const second = c.jar.get('qz_session');
  assert.notEqual(second, first, 'a new token for a new login');
  const other = new Client(srv.url);
  expectStatus(await other.login('admin', DEMO_PASSWORD), 200);
  assert.notEqual(other.jar.get('qz_session'), first);
  assert.notEqual(other.jar.get('qz_session'), second);
});

test('wrong password and unknown user: identical 401 problem bodies naming field password', async () => {
  const c = new Client(srv.url);
  const bad = await c.login('secretary', 'Wrong#Pass2026');
  expectProblem(bad, 401, 'password', '用户名或密码错误');
  const unknown = await c.login('no_such_user', 'Wrong#Pass2026');
  expectProblem(unknown, 401, 'password', '用户名或密码错误');
  assert.deepEqual(unknown.body, bad.body, 'same body for unknown user and wrong password');
  assert.equal(bad.text, unknown.text, 'byte-identical bodies');
  assert.ok(!bad.setCookies.some((l) => /qz_session=[^;]+/.test(l) && !/qz_session=;/.test(l) && !/max-age=0/i.test(l)),
    `no session cookie on failure: ${JSON.stringify(bad.setCookies)}`);
  // No session: /me is refused.
  expectProblem(await c.get('/api/v1/me'), 401);
});

test('empty password is refused like a wrong one', async () => {
  const c = new Client(srv.url);
  const res = await c.login('leader', '');
  assert.ok(res.status === 400 || res.status === 401, `400 or 401: ${show(res)}`);
  expectProblem(res, res.status, 'password');
  expectProblem(await c.get('/api/v1/me'), 401);
});

test('/me shape for a logged-in user', async () => {
  const c = new Client(srv.url);
  const login = await c.login('admin', DEMO_PASSWORD);
  expectStatus(login, 200);
  const res = await c.get('/api/v1/me');
  const b = expectJson(res, 200);
  for (const k of ['id', 'username', 'name', 'tenant_id', 'tenant_name', 'phone']) {
    assert.ok(k in b.user, `user.${k} present: ${show(res)}`);
  }
  assert.equal(b.user.id, login.body.user.id);
  assert.equal(b.user.username, 'admin');
  assert.equal(b.user.tenant_name, '大足区人民医院');
  assert.equal(b.user.tenant_id, login.body.user.tenant_id);
  if (b.user.phone !== null) assert.match(b.user.phone, /^1\d{2}\*{4}\d{4}$/, 'phone is masked');
  assert.ok(Array.isArray(b.roles), 'roles[]');
  assert.deepEqual(b.roles.map((r) => r.code), ['admin']);
  assert.equal(b.roles[0].name, '党办管理员');
  assert.ok(Array.isArray(b.permissions), 'permissions[]');
  assert.ok(b.permissions.includes('party:org:list'), `admin has party:org:list: ${show(res)}`);
  assert.ok(!b.permissions.some((p) => p.startsWith('system:') || p.startsWith('security:') || p.startsWith('audit:')),
    `党办管理员 holds no administrator permission: ${show(res)}`);
  assert.equal(b.csrf_token, c.csrf, '/me repeats the session csrf token');
  assert.equal(b.password_expired, false);
  assert.equal(b.totp_enabled, false);
  assert.equal(b.totp_enrol_required, false);
  assert.deepEqual(b.password_policy, { min_length: 8, min_classes: 3, max_age_days: 90 }, `password_policy: ${show(res)}`);
});

test('/me of the system administrator lists its permissions', async () => {
  const c = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const b = expectJson(await c.get('/api/v1/me'), 200);
  assert.deepEqual(b.roles.map((r) => r.code), ['sysadmin']);
  assert.equal(b.roles[0].name, '系统管理员');
  for (const p of ['system:user:list', 'system:user:add', 'system:user:edit', 'system:user:lock',
    'system:user:reset-password', 'system:user:pii']) {
    assert.ok(b.permissions.includes(p), `sysadmin has ${p}: ${JSON.stringify(b.permissions)}`);
  }
  assert.ok(!b.permissions.includes('audit:log:list'));
  assert.ok(!b.permissions.includes('security:role:edit'));
});

test('/me without a session or with a forged cookie: 401 problem', async () => {
  expectProblem(await new Client(srv.url).get('/api/v1/me'), 401);
  const forged = new Client(srv.url);
  forged.jar.set('qz_session', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expectProblem(await forged.get('/api/v1/me'), 401);
});

test('logout: 204, and the old cookie is refused by the server afterwards', async () => {
  const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  expectJson(await c.get('/api/v1/me'), 200);
  const replay = c.clone(); // keeps the cookie even if logout clears it in the jar
  const out = await c.logout();
  expectStatus(out, 204);
  assert.equal(out.text, '', '204 has no body');
  expectProblem(await replay.get('/api/v1/me'), 401);
  expectProblem(await c.get('/api/v1/me'), 401);
  // Other sessions of the same user are not affected by this logout.
  const a = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const b = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  expectStatus(await a.logout(), 204);
  expectJson(await b.get('/api/v1/me'), 200);
});

test('login answers and /me carry no caching of personal data', async () => {
  const c = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const res = await c.get('/api/v1/me');
  expectStatus(res, 200);
  const cc = res.headers.get('cache-control') || '';
  assert.ok(!/\bpublic\b/i.test(cc), `/me is not publicly cacheable: ${cc}`);
});
