// CSRF token and Origin checks on every write; login needs the Origin only; GET needs neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { useServer, startServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const srv = useServer();
let sys;
let seq = 0;
const newUser = () => ({ username: `csrf.user${++seq}`, name: '测试用户', password: 'Str0ng#Pass1', phone: '13800001111' });

async function notCreated(username) {
  const list = expectJson(await sys.get(`/api/v1/users?q=${encodeURIComponent(username)}`), 200);
  assert.ok(!list.items.some((u) => u.username === username), `${username} must not exist: ${JSON.stringify(list.items)}`);
}

test('setup: sysadmin session; a write with token and Origin succeeds', async () => {
  sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const u = newUser();
  const b = expectJson(await sys.post('/api/v1/users', u), 201);
  assert.equal(b.username, u.username);
});

test('a write without X-CSRF-Token → 403 and no effect', async () => {
  const u = newUser();
  expectProblem(await sys.post('/api/v1/users', u, { csrf: null }), 403);
  await notCreated(u.username);
});

test('a write with a wrong token → 403', async () => {
  const u = newUser();
  expectProblem(await sys.post('/api/v1/users', u, { csrf: 'x'.repeat(sys.csrf.length) }), 403);
  expectProblem(await sys.post('/api/v1/users', u, { csrf: sys.csrf.slice(0, -1) }), 403);
  await notCreated(u.username);
});

test("another session's token is a wrong token → 403", async () => {
  const other = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  assert.notEqual(other.csrf, sys.csrf, 'each session has its own token');
  const u = newUser();
  expectProblem(await sys.post('/api/v1/users', u, { csrf: other.csrf }), 403);
  await notCreated(u.username);
});

test('a write without Origin → 403', async () => {
  const u = newUser();
  expectProblem(await sys.post('/api/v1/users', u, { origin: null }), 403);
  await notCreated(u.username);
});

test('a write with a foreign Origin → 403', async () => {
  const u = newUser();
  expectProblem(await sys.post('/api/v1/users', u, { origin: 'http://evil.example' }), 403);
  expectProblem(await sys.post('/api/v1/users', u, { origin: `http://127.0.0.1:${srv.port + 1}` }), 403);
  expectProblem(await sys.post('/api/v1/users', u, { origin: `https://127.0.0.1:${srv.port}` }), 403);
  expectProblem(await sys.post('/api/v1/users', u, { origin: 'null' }), 403);
  await notCreated(u.username);
});

test('PATCH, PUT and logout are checked too', async () => {
  const list = expectJson(await sys.get('/api/v1/users?q=csrf.user1'), 200);
  const target = list.items.find((x) => x.username === 'csrf.user1');
  assert.ok(target, 'csrf.user1 exists');
  expectProblem(await sys.patch(`/api/v1/users/${target.id}`, { name: '被篡改' }, { csrf: null }), 403);
  expectProblem(await sys.patch(`/api/v1/users/${target.id}`, { name: '被篡改' }, { origin: 'http://evil.example' }), 403);
  expectProblem(await sys.post(`/api/v1/users/${target.id}/lock`, undefined, { csrf: null }), 403);
  const after = expectJson(await sys.get('/api/v1/users?q=csrf.user1'), 200).items.find((x) => x.username === 'csrf.user1');
  assert.equal(after.name, '测试用户', 'name unchanged');
  assert.equal(after.status, 'active', 'not locked');

  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const policy = expectJson(await sec.get('/api/v1/policy'), 200);
  expectProblem(await sec.put('/api/v1/policy', { ...policy, password_min_length: 12 }, { csrf: null }), 403);
  expectProblem(await sec.put('/api/v1/policy', { ...policy, password_min_length: 12 }, { origin: null }), 403);
  assert.equal(expectJson(await sec.get('/api/v1/policy'), 200).password_min_length, policy.password_min_length, 'policy unchanged');

  expectProblem(await sys.logout({ csrf: null }), 403);
  expectJson(await sys.get('/api/v1/me'), 200); // still logged in
});

test('login with a foreign Origin or without Origin → 403, no session', async () => {
  const c = new Client(srv.url);
  const foreign = await c.login('admin', DEMO_PASSWORD, undefined, { origin: 'http://evil.example' });
  expectProblem(foreign, 403);
  assert.ok(!foreign.setCookies.some((l) => /^qz_session=[^;]+/.test(l)), `no cookie: ${JSON.stringify(foreign.setCookies)}`);
  const none = await c.login('admin', DEMO_PASSWORD, undefined, { origin: null });
  expectProblem(none, 403);
  assert.equal(c.jar.get('qz_session'), undefined);
  expectProblem(await c.get('/api/v1/me'), 401);
});

test('login needs the Origin only (no CSRF token)', async () => {
  const c = new Client(srv.url);
  const res = await c.login('admin', DEMO_PASSWORD, undefined, { csrf: null });
  expectJson(res, 200);
});

test('HEAD needs neither token nor Origin', async () => {
  const res = await sys.request('HEAD', '/api/v1/me', undefined, { csrf: null, origin: null });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.text, '');
});

test('GET needs neither token nor Origin', async () => {
  const res = await sys.get('/api/v1/me', { csrf: null, origin: null });
  const b = expectJson(res, 200);
  assert.equal(b.user.username, 'sysadmin');
  expectJson(await sys.get('/api/v1/users', { csrf: null, origin: null }), 200);
});

// Sends a request with full control of Host and Origin (fetch cannot set Host).
function rawRequest(port, { method = 'POST', path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const h = { ...headers };
    if (data) { h['content-type'] = 'application/json'; h['content-length'] = data.length; }
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: h, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

test('the expected Origin follows the Host header', async () => {
  const body = { username: 'admin', password: DEMO_PASSWORD };
  const host = `localhost:${srv.port}`;
  const same = await rawRequest(srv.port, { path: '/api/v1/auth/login', headers: { host, origin: `http://${host}` }, body });
  assert.equal(same.status, 200, `Origin equal to http://<Host>: ${same.status} ${same.text}`);
  const other = await rawRequest(srv.port, { path: '/api/v1/auth/login', headers: { host, origin: srv.url }, body });
  assert.equal(other.status, 403, `Origin differing from http://<Host>: ${other.status} ${other.text}`);
});

test('with server.public_origin (https), that origin is required and the cookie is __Host-qz_session; Secure', { timeout: 150000 }, async () => {
  const pub = await startServer({ env: { QIZHI_SERVER_PUBLIC_ORIGIN: 'https://qizhi.example.org' } });
  let ok = false;
  try {
    const plain = new Client(pub.url);
    expectProblem(await plain.login('admin', DEMO_PASSWORD), 403); // Origin http://127.0.0.1:port is not the public one
    const c = new Client(pub.url, { origin: 'https://qizhi.example.org' });
    const res = await c.login('admin', DEMO_PASSWORD);
    expectJson(res, 200);
    const line = res.setCookies.find((l) => /^__Host-qz_session=/.test(l));
    assert.ok(line, `__Host-qz_session cookie: ${JSON.stringify(res.setCookies)}`);
    const parts = line.split(';').map((x) => x.trim().toLowerCase());
    for (const a of ['secure', 'httponly', 'samesite=strict', 'path=/']) assert.ok(parts.includes(a), `${a}: ${line}`);
    assert.ok(!parts.some((x) => x.startsWith('domain=')), `__Host- cookies carry no Domain: ${line}`);
    assert.ok(!res.setCookies.some((l) => /^qz_session=[^;]/.test(l)), 'no plain qz_session cookie');
    expectJson(await c.get('/api/v1/me'), 200);
    expectStatus(await c.logout(), 204);
    ok = true;
  } finally {
    await pub.stop({ printLog: !ok });
  }
});
