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
  // A request every ~0.5 s: the gaps stay well inside the 2 s idle timeout even on a slow machine.
  while (Date.now() - start < 5000) {
    await sleep(500);
    const me = expectJson(await c.get('/api/v1/me'), 200);
    assert.equal(me.user.username, 'admin');
  }
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

test('absolute timeout (QIZHI_AUTH_ABSOLUTE_TIMEOUT_SECONDS=6): an active session still ends', { timeout: 150000 }, async () => {
  const T = 6000;
  const abs = await startServer({ env: { QIZHI_AUTH_ABSOLUTE_TIMEOUT_SECONDS: String(T / 1000) } });
  let ok = false;
  try {
    const c = new Client(abs.url);
    const t0 = Date.now(); // the session is created after t0 ...
    expectJson(await c.login('admin', DEMO_PASSWORD), 200);
    const t1 = Date.now(); // ... and before t1
    let checked = 0;
    // Alive while a request starts well before t0 + T (and keeps being used, so idle never ends it).
    while (Date.now() < t0 + T - 2000) {
      expectJson(await c.get('/api/v1/me'), 200);
      checked++;
      await sleep(500);
    }
    assert.ok(checked >= 1, 'the session was seen alive');
    // Keep it busy until after t1 + T: it ends even though it is never idle.
    while (Date.now() < t1 + T + 500) {
      await c.get('/api/v1/me');
      await sleep(500);
    }
    expectProblem(await c.get('/api/v1/me'), 401);
    ok = true;
  } finally {
    await abs.stop({ printLog: !ok });
  }
});
