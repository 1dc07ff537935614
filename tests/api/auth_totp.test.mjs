// TOTP second factor: a role requires it, the user enrols, later logins need a fresh code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD, sleep } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show, totp } from './lib/client.mjs';

const srv = useServer();
const state = {};
const step = () => Math.floor(Date.now() / 1000 / 30);

// Waits until the 30 s TOTP step changes (so the next code differs from one already used).
async function nextStep(after) {
  while (step() <= after) await sleep(250);
}

test('secadmin sets require_totp on role sysadmin', async () => {
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const list = expectJson(await sec.get('/api/v1/roles?size=200'), 200);
  assert.ok(Array.isArray(list.items), show({ ...list, status: 200 }));
  const role = list.items.find((r) => r.code === 'sysadmin');
  assert.ok(role, 'role sysadmin listed');
  assert.equal(role.admin_class, 'system');
  assert.equal(role.require_totp, false, 'demo role does not require TOTP yet');
  const res = await sec.patch(`/api/v1/roles/${role.id}`, {
    name: role.name, description: role.description, permissions: role.permissions, require_totp: true,
  });
  const b = expectJson(res, 200);
  assert.equal(b.id, role.id);
  assert.equal(b.code, 'sysadmin');
  assert.equal(b.require_totp, true);
  assert.deepEqual([...b.permissions].sort(), [...role.permissions].sort());
  const again = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items.find((r) => r.code === 'sysadmin');
  assert.equal(again.require_totp, true, 'the change is stored');
});

test('sysadmin login: totp_enrol_required, and only /me, /me/totp/*, logout are allowed', async () => {
  const c = new Client(srv.url);
  const res = await c.login('sysadmin', DEMO_PASSWORD);
  const b = expectJson(res, 200);
  assert.equal(b.totp_enrol_required, true);
  assert.equal(b.password_expired, false);
  const me = expectJson(await c.get('/api/v1/me'), 200);
  assert.equal(me.totp_enrol_required, true);
  assert.equal(me.totp_enabled, false);
  expectProblem(await c.get('/api/v1/users'), 403);
  expectProblem(await c.post('/api/v1/users', { username: 'blocked.user', name: '不应创建', password: 'Str0ng#Pass1' }), 403);
  state.enrolling = c;
});

test('TOTP setup returns a base32 secret and an otpauth URI; a wrong code is refused', async () => {
  const c = state.enrolling;
  const res = await c.post('/api/v1/me/totp/setup');
  const b = expectJson(res, 200);
  assert.match(b.secret, /^[A-Z2-7]{16,}=*$/, 'base32 secret of at least 80 bits');
  assert.match(b.otpauth_uri, /^otpauth:\/\/totp\//);
  const uri = new URL(b.otpauth_uri);
  assert.equal(uri.searchParams.get('secret'), b.secret.replace(/=+$/, ''), 'URI carries the same secret');
  state.secret = b.secret;
  // Still pending: /me says not enabled.
  assert.equal(expectJson(await c.get('/api/v1/me'), 200).totp_enabled, false);
  const good = new Set([-1, 0, 1].map((d) => totp(b.secret, Date.now() / 1000 + d * 30)));
  let wrong = '000000';
  while (good.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0');
  expectProblem(await c.post('/api/v1/me/totp/confirm', { code: wrong }), 400, 'code');
  expectProblem(await c.post('/api/v1/me/totp/confirm', { code: 'abc' }), 400, 'code');
});

test('TOTP confirm with the right code → 204; /me says enabled', async () => {
  const c = state.enrolling;
  state.confirmStep = step();
  const res = await c.post('/api/v1/me/totp/confirm', { code: totp(state.secret) });
  expectStatus(res, 204);
  const me = expectJson(await c.get('/api/v1/me'), 200);
  assert.equal(me.totp_enabled, true);
  assert.equal(me.totp_enrol_required, false);
});

test('login without a code → 401 totp_required; right code → 200; replay and wrong code → 401', { timeout: 90000 }, async () => {
  const c = new Client(srv.url);
  const none = await c.login('sysadmin', DEMO_PASSWORD);
  expectProblem(none, 401, 'totp', '请输入动态口令');
  assert.equal(none.body.totp_required, true);
  assert.equal(c.jar.get('qz_session'), undefined, 'no session without the second factor');

  // A code never used before: wait for the step after the one used to confirm.
  await nextStep(state.confirmStep);
  const code = totp(state.secret);
  const ok = await c.login('sysadmin', DEMO_PASSWORD, code);
  const b = expectJson(ok, 200);
  assert.equal(b.totp_enrol_required, false);
  assert.equal(b.user.username, 'sysadmin');
  expectJson(await c.get('/api/v1/users'), 200);

  const replay = await new Client(srv.url).login('sysadmin', DEMO_PASSWORD, code);
  expectProblem(replay, 401, 'totp', '动态口令错误或已使用');

  const good = new Set([-1, 0, 1].map((d) => totp(state.secret, Date.now() / 1000 + d * 30)));
  let wrong = '123456';
  while (good.has(wrong)) wrong = String((Number(wrong) + 1) % 1000000).padStart(6, '0');
  const bad = await new Client(srv.url).login('sysadmin', DEMO_PASSWORD, wrong);
  expectProblem(bad, 401, 'totp', '动态口令错误或已使用');
  // A wrong password with a TOTP user still gets the password error, not a TOTP hint.
  expectProblem(await new Client(srv.url).login('sysadmin', 'Wrong#Pass2026', wrong), 401, 'password', '用户名或密码错误');
});

test('the enrolment is audited (totp_enrol)', async () => {
  const aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
  const list = expectJson(await aud.get('/api/v1/audit?action=totp_enrol&size=200'), 200);
  const row = list.items.find((r) => r.action === 'totp_enrol' && r.username === 'sysadmin' && r.result === 'ok');
  assert.ok(row, `totp_enrol row for sysadmin: ${JSON.stringify(list.items)}`);
  assert.ok(!JSON.stringify(row).includes(state.secret), 'the secret is not in the audit log');
});

test('confirm without a pending setup → 400 field code', async () => {
  const c = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  expectProblem(await c.post('/api/v1/me/totp/confirm', { code: '123456' }), 400, 'code');
  assert.equal(expectJson(await c.get('/api/v1/me'), 200).totp_enabled, false);
});

test('a user whose roles do not require TOTP may enrol, and then needs the code at login', async () => {
  const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const setup = expectJson(await c.post('/api/v1/me/totp/setup'), 200);
  expectStatus(await c.post('/api/v1/me/totp/confirm', { code: totp(setup.secret) }), 204);
  assert.equal(expectJson(await c.get('/api/v1/me'), 200).totp_enabled, true);
  const none = await new Client(srv.url).login('member', DEMO_PASSWORD);
  expectProblem(none, 401, 'totp', '请输入动态口令');
  assert.equal(none.body.totp_required, true);
});
