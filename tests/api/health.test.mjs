// Health, readiness, metrics, body limit, unknown API routes, and the web app's static files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'qizhi-web-'));
const INDEX = '<!doctype html><html><head><meta charset="utf-8"><title>旗帜</title></head><body><div id="app">qizhi-test-index</div></body></html>\n';
const ASSET = 'console.log("qizhi-test-asset");\n';
fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX);
fs.mkdirSync(path.join(webRoot, 'assets'));
fs.writeFileSync(path.join(webRoot, 'assets', 'app-abc123.js'), ASSET);
process.on('exit', () => fs.rmSync(webRoot, { recursive: true, force: true }));

const srv = useServer({ args: ['--web-root', webRoot] });

function rawGet(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('GET /healthz → 200 {"status":"ok"}', async () => {
  const res = await new Client(srv.url).get('/healthz');
  assert.deepEqual(expectJson(res, 200), { status: 'ok' });
});

test('GET /readyz → 200 {"status":"ready"}', async () => {
  const res = await new Client(srv.url).get('/readyz');
  assert.deepEqual(expectJson(res, 200), { status: 'ready' });
});

test('GET /metrics: Prometheus text with request counter and duration histogram', async () => {
  const c = new Client(srv.url);
  expectStatus(await c.get('/healthz'), 200);
  expectStatus(await c.get('/api/v1/me'), 401);
  const res = await c.get('/metrics');
  expectStatus(res, 200);
  assert.match(res.contentType, /^text\/plain/);
  const t = res.text;
  assert.match(t, /^# TYPE qizhi_http_requests_total counter$/m);
  assert.match(t, /^qizhi_http_requests_total\{(?=[^}]*\broute=")(?=[^}]*\bmethod="GET")(?=[^}]*\bstatus="200")[^}]*\} [0-9.e+]+$/m, 'a GET 200 counter line');
  assert.match(t, /^qizhi_http_requests_total\{(?=[^}]*\bstatus="401")[^}]*\} [0-9.e+]+$/m, 'the 401 is counted');
  assert.match(t, /^# TYPE qizhi_http_request_duration_seconds histogram$/m);
  assert.match(t, /^qizhi_http_request_duration_seconds_bucket\{[^}]*\ble="\+Inf"[^}]*\} [0-9.e+]+$/m);
  assert.match(t, /^qizhi_http_request_duration_seconds_bucket\{[^}]*\ble="0?\.[0-9]+"[^}]*\} [0-9.e+]+$/m, 'finite buckets');
  assert.match(t, /^qizhi_http_request_duration_seconds_sum(\{[^}]*\})? [0-9.e+-]+$/m);
  assert.match(t, /^qizhi_http_request_duration_seconds_count(\{[^}]*\})? [0-9.e+]+$/m);
  for (const m of ['qizhi_http_errors_total', 'qizhi_db_pool_size', 'qizhi_db_pool_in_use', 'qizhi_worker_queue_depth']) {
    assert.match(t, new RegExp(`^${m}(\\{[^}]*\\})? [0-9.e+]+$`, 'm'), `${m} present`);
  }
  // The counter goes up.
  const count = (text) => text.split('\n').filter((l) => /^qizhi_http_requests_total\{/.test(l) && /status="200"/.test(l) && /healthz/.test(l))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  const before = count(t);
  assert.ok(before >= 1, '/healthz counted under its route');
  expectStatus(await c.get('/healthz'), 200);
  expectStatus(await c.get('/healthz'), 200);
  // The counter may be updated just after the answer is sent: allow it a moment.
  let after = 0;
  for (let i = 0; i < 20 && after < before + 2; i++) {
    after = count((await c.get('/metrics')).text);
    if (after < before + 2) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(after >= before + 2, `counter grew: ${before} → ${after}`);
});

test('metrics label requests by route pattern, not by raw path (bounded cardinality)', async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  expectProblem(await sys.get('/api/v1/users/987654/phone'), 404);
  expectProblem(await sys.get('/api/v1/users/987655/phone'), 404);
  const t = (await new Client(srv.url).get('/metrics')).text;
  assert.ok(!/987654|987655/.test(t), 'no ids in metric labels');
  const line = t.split('\n').find((l) => l.startsWith('qizhi_http_requests_total{') && l.includes('route="/api/v1/users/{id}/phone"') && l.includes('status="404"'));
  assert.ok(line, 'the route label is the pattern /api/v1/users/{id}/phone');
});

test('a 2 MiB request body → 413 problem', async () => {
  const c = new Client(srv.url);
  const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
  let res;
  try {
    res = await c.post('/api/v1/auth/login', undefined, { rawBody: big, csrf: null });
  } catch (e) {
    assert.fail(`the server must answer 413, not drop the connection: ${e.cause?.code || e.message}`);
  }
  expectProblem(res, 413);
  // Still serving afterwards.
  expectJson(await c.login('admin', DEMO_PASSWORD), 200);
});

test('unknown /api route → 404 problem+json', async () => {
  const c = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const res = await c.get('/api/v1/no-such-thing');
  expectProblem(res, 404);
  const res2 = await c.get('/api/v2/users');
  expectProblem(res2, 404);
  assert.ok(!res.text.includes('qizhi-test-index'), 'API paths never fall back to index.html');
});

test('an unknown non-API path returns index.html with Cache-Control no-cache', async () => {
  for (const p of ['/', '/party/org/list', '/health/outreach/visits/12']) {
    const res = await new Client(srv.url).get(p, { headers: { accept: 'text/html' } });
    expectStatus(res, 200);
    assert.match(res.contentType, /^text\/html/);
    assert.equal(res.text, INDEX, `${p} serves index.html`);
    assert.match(res.headers.get('cache-control') || '', /no-cache/, `${p} Cache-Control`);
  }
});

test('a hashed asset gets a long immutable cache and application/javascript', async () => {
  const res = await new Client(srv.url).get('/assets/app-abc123.js');
  expectStatus(res, 200);
  assert.match(res.contentType, /^application\/javascript\b/);
  assert.equal(res.text, ASSET);
  const cc = res.headers.get('cache-control') || '';
  assert.match(cc, /\bimmutable\b/, `immutable: ${cc}`);
  const maxAge = Number((cc.match(/max-age=(\d+)/) || [])[1]);
  assert.ok(maxAge >= 30 * 24 * 3600, `long max-age: ${cc}`);
});

test('paths outside the web root are not served', async () => {
  for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
    const res = await rawGet(srv.port, p);
    assert.ok(!res.body.includes('root:x:0:0'), `${p} must not leak /etc/passwd (got ${res.status})`);
  }
});
