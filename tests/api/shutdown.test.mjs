// Graceful shutdown: on SIGTERM the requests already in flight get their answers, the process
// exits 0, and nothing is cut off half-way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from './lib/server.mjs';

test('SIGTERM lets in-flight logins finish, then the server exits 0', async () => {
  const srv = await startServer();
  try {
    const exit = new Promise((resolve) => srv.child.on('exit', (code, signal) => resolve({ code, signal })));
    // Logins are slow on purpose (argon2id, 19 MiB): a good batch to have in flight.
    const inflight = [];
    for (let i = 0; i < 12; i++) {
      inflight.push(fetch(`${srv.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: srv.url },
        body: JSON.stringify({ username: i % 2 ? 'admin' : 'member', password: DEMO_PASSWORD }),
      }).then(async (r) => ({ status: r.status, body: await r.json() })));
    }
    await new Promise((r) => setTimeout(r, 30));
    srv.child.kill('SIGTERM');
    const answers = await Promise.all(inflight);
    for (const a of answers) {
      assert.equal(a.status === 200 || a.status === 503, true, `answered, not dropped: ${JSON.stringify(a)}`);
      if (a.status === 200) assert.ok(a.body.csrf_token, 'a complete login answer');
    }
    assert.ok(answers.some((a) => a.status === 200), 'the requests already accepted were answered 200');
    const { code, signal } = await exit;
    assert.equal(signal, null, srv.logTail());
    assert.equal(code, 0, srv.logTail());
    assert.match(srv.logTail(), /event=stopped/);
  } finally {
    await srv.stop();
  }
});
