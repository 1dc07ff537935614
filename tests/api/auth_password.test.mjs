// Changing one's own password (policy errors per case), and a reset by the system administrator
// that forces a change at the next login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const srv = useServer();
const NEW_PASSWORD = 'Hongqi#2026x';

test('wrong old password → 400 field old_password', async () => {
  const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const res = await c.post('/api/v1/me/password', { old_password: 'Not#ThePass1', new_password: NEW_PASSWORD });
  expectProblem(res, 400, 'old_password');
  // Nothing changed.
  expectJson(await new Client(srv.url).login('member', DEMO_PASSWORD), 200);
});

const policyCases = [
  ['too short (7 characters, 4 classes)', 'Ab1#xyz'],
  ['too few classes (lower + digit only)', 'abcdefgh1234'],
  ['too few classes (upper + lower only)', 'AbcdefghIjkl'],
  ['a common password (password1 of the top-1000 list)', 'Password1'],
  ['contains the username', 'Xmember#2026'],
  ['the current password again', DEMO_PASSWORD],
];

for (const [what, pw] of policyCases) {
  test(`new password refused: ${what} → 400 field new_password in Chinese`, async () => {
    const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
    const res = await c.post('/api/v1/me/password', { old_password: DEMO_PASSWORD, new_password: pw });
    if (res.status === 204 && pw !== DEMO_PASSWORD) {
      // Accepted by mistake: put the demo password back so the next cases still test something.
      await c.post('/api/v1/me/password', { old_password: pw, new_password: DEMO_PASSWORD });
    }
    expectProblem(res, 400, 'new_password');
    assert.ok(!res.body.errors.some((e) => e.field === 'old_password'), `old password was right: ${show(res)}`);
    expectJson(await new Client(srv.url).login('member', DEMO_PASSWORD), 200);
  });
}

test('success → 204; other sessions end; old password fails, new works', async () => {
  const other = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const res = await c.post('/api/v1/me/password', { old_password: DEMO_PASSWORD, new_password: NEW_PASSWORD });
  expectStatus(res, 204);
  expectJson(await c.get('/api/v1/me'), 200); // this session goes on
  expectProblem(await other.get('/api/v1/me'), 401); // the other one ended
  expectProblem(await new Client(srv.url).login('member', DEMO_PASSWORD), 401, 'password', '用户名或密码错误');
  const b = expectJson(await new Client(srv.url).login('member', NEW_PASSWORD), 200);
  assert.equal(b.password_expired, false);
});

test('validation of the reset password itself (policy) → 400 field password', async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const users = expectJson(await sys.get('/api/v1/users?q=leader&size=200'), 200);
  const target = users.items.find((u) => u.username === 'leader');
  assert.ok(target, 'leader listed');
  expectProblem(await sys.post(`/api/v1/users/${target.id}/password`, { password: 'short' }), 400, 'password');
  expectJson(await new Client(srv.url).login('leader', DEMO_PASSWORD), 200);
});

const expired = {};

test('sysadmin resets a password → the login says password_expired; /me works', async () => {
  // Before: leader (院领导, of the sysadmin's hospital) may list org units.
  const before = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  expectJson(await before.get('/api/v1/org/units'), 200);

  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const users = expectJson(await sys.get('/api/v1/users?q=leader&size=200'), 200);
  const target = users.items.find((u) => u.username === 'leader');
  assert.ok(target, 'leader listed');
  expectStatus(await sys.post(`/api/v1/users/${target.id}/password`, { password: 'Reset#Pass2026' }), 204);

  const c = new Client(srv.url);
  const b = expectJson(await c.login('leader', 'Reset#Pass2026'), 200);
  assert.equal(b.password_expired, true);
  expired.c = c;
  const me = expectJson(await c.get('/api/v1/me'), 200);
  assert.equal(me.password_expired, true);
});

test('password expired: other routes → 403 field password (org units)', async () => {
  expectProblem(await expired.c.get('/api/v1/org/units'), 403, 'password');
});

test('password expired: /me/totp/* is not among the allowed routes → 403 field password', async () => {
  expectProblem(await expired.c.post('/api/v1/me/totp/setup'), 403, 'password');
});

test('password expired: changing it through /me/password lifts the restriction', async () => {
  const c = expired.c;
  const change = await c.post('/api/v1/me/password', { old_password: 'Reset#Pass2026', new_password: 'Lingdao#Xin2026' });
  expectStatus(change, 204);
  expectJson(await c.get('/api/v1/org/units'), 200);
  expectStatus(await c.logout(), 204);
  const after = expectJson(await new Client(srv.url).login('leader', 'Lingdao#Xin2026'), 200);
  assert.equal(after.password_expired, false);
});

test('an expired-password session may log out', async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const users = expectJson(await sys.get('/api/v1/users?q=leader&size=200'), 200);
  const target = users.items.find((u) => u.username === 'leader');
  assert.ok(target, 'leader listed');
  expectStatus(await sys.post(`/api/v1/users/${target.id}/password`, { password: 'Lingdao#Reset1' }), 204);
  const c = new Client(srv.url);
  assert.equal(expectJson(await c.login('leader', 'Lingdao#Reset1'), 200).password_expired, true);
  const replay = c.clone();
  expectStatus(await c.logout(), 204);
  expectProblem(await replay.get('/api/v1/me'), 401);
});

test('a password older than password_max_age_days (90) is expired at login', async () => {
  srv.sql(`UPDATE users SET password_changed_at = '2020-01-01T00:00:00.000Z' WHERE username = 'outreach'`);
  const c = new Client(srv.url);
  const b = expectJson(await c.login('outreach', DEMO_PASSWORD), 200);
  assert.equal(b.password_expired, true);
  assert.equal(expectJson(await c.get('/api/v1/me'), 200).password_expired, true);
  expectStatus(await c.post('/api/v1/me/password', { old_password: DEMO_PASSWORD, new_password: 'Bangfu#Dui2026' }), 204);
  assert.equal(expectJson(await new Client(srv.url).login('outreach', 'Bangfu#Dui2026'), 200).password_expired, false);
});
