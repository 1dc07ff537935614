// Idle timeout: the server runs with QIZHI_AUTH_IDLE_TIMEOUT_SECONDS=2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, startServer, DEMO_PASSWORD, sleep } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem } from './lib/client.mjs';

const srv = useServer({ env: { QIZHI_AUTH_IDLE_TIMEOUT_SECONDS: '2' } });

test('a session idle for 3 s is refused with 401', async () => {
  const c = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  expectJson(await c.get('/api/v1/me'), 200);
  await sleep(3000);
  expectProblem(await c.get('/api/v1/me'), 401);
  // Still refused afterwards (the expired session is not revived by the refused request).
  expectProblem(await c.get('/api/v1/me'), 401);
});

test('activity within the window keeps the session alive', async () => {
  const c = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const start = Date.now();
  for (let i = 0; i < 5; i++) {
    await sleep(1000);
    const me = expectJson(await c.get('/api/v1/me'), 200);
    assert.equal(me.user.username, 'admin');
  }
  assert.ok(Date.now() - start >= 5000, 'the session outlived twice the idle timeout');
  await sleep(3000);
  expectProblem(await c.get('/api/v1/me'), 401);
});

test('after an idle timeout a new login works', async () => {
  const c = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  await sleep(3000);
  expectProblem(await c.get('/api/v1/me'), 401);
  const again = await c.login('member', DEMO_PASSWORD);
  expectJson(again, 200);
  expectJson(await c.get('/api/v1/me'), 200);
});

test('absolute timeout (QIZHI_AUTH_ABSOLUTE_TIMEOUT_SECONDS=4): an active session still ends', { timeout: 150000 }, async () => {
  const abs = await startServer({ env: { QIZHI_AUTH_ABSOLUTE_TIMEOUT_SECONDS: '4' } });
  let ok = false;
  try {
    const c = await loginAs(abs.url, 'admin', DEMO_PASSWORD);
    const start = Date.now();
    expectJson(await c.get('/api/v1/me'), 200);
    await sleep(1500);
    expectJson(await c.get('/api/v1/me'), 200);
    await sleep(1500);
    expectJson(await c.get('/api/v1/me'), 200);
    while (Date.now() - start < 5500) await sleep(250);
    expectProblem(await c.get('/api/v1/me'), 401);
    ok = true;
  } finally {
    await abs.stop({ printLog: !ok });
  }
});
