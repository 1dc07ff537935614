// Load (issue 8): 1,000 concurrent keep-alive connections — one per simulated user, each its own
// TCP connection held open for the whole run — sending a mixed read/write load for 60 s against
// the county demo (大足区人民医院, logged in as its admin). Each user acts every ~2 s (a person
// clicking, not a tight loop), so the offered load is ~500 requests/s whatever the latency:
// the p99 measures the server, not a queue the load generator built. Prints throughput, latency
// percentiles, errors and the server's RSS every 5 s; exits 1 on any error, p99 ≥ 200 ms or
// memory growing by more than a fifth after the warm-up.
//
//   QIZHI_BIN=build/release/qizhi node bench/load.mjs
// Settings (environment): LOAD_CONNECTIONS (1000), LOAD_SECONDS (60), LOAD_INTERVAL_MS (2000).
import http from 'node:http';
import fs from 'node:fs';
import { startServer, DEMO_PASSWORD, sleep } from '../tests/api/lib/server.mjs';
import { loginAs } from '../tests/api/lib/client.mjs';

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS || 1000);
const SECONDS = Number(process.env.LOAD_SECONDS || 60);
const INTERVAL = Number(process.env.LOAD_INTERVAL_MS || 2000);
const WARMUP = 10;

function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function send(agent, port, method, path, headers, body) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

const srv = await startServer({ db: 'sqlite' });
try {
  const admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const cookie = admin.cookieHeader();
  const csrf = admin.csrf;
  const tree = (await admin.get('/api/v1/org/tree')).body.items;
  const branches = tree.filter((u) => u.kind === 'branch').map((u) => u.id);
  const members = (await admin.get('/api/v1/members?size=200')).body.items.map((m) => m.id);
  const read = { cookie, accept: 'application/json' };
  const write = { ...read, 'content-type': 'application/json', 'x-csrf-token': csrf, origin: srv.url };

  // What a user does: mostly lists and figures, some writes (a reward on a member).
  const actions = [
    [30, () => ['GET', `/api/v1/members?size=20&page=${1 + Math.floor(Math.random() * 20)}`]],
    [15, () => ['GET', `/api/v1/meetings?size=20&org=${branches[Math.floor(Math.random() * branches.length)]}`]],
    [15, () => ['GET', '/api/v1/me']],
    [10, () => ['GET', '/api/v1/org/tree']],
    [10, () => ['GET', '/api/v1/figures/members_by_status']],
    [5, () => ['GET', '/api/v1/life/overdue']],
    [5, () => ['GET', `/api/v1/members/${members[Math.floor(Math.random() * members.length)]}`]],
    [10, () => ['POST', `/api/v1/members/${members[Math.floor(Math.random() * members.length)]}/rewards`,
      JSON.stringify({ kind: 'reward', title: '优秀共产党员（负载测试）', decided_on: '2025-07-01', authority: '院党委' })]],
  ];
  const total = actions.reduce((n, [w]) => n + w, 0);
  const pick = () => {
    let r = Math.random() * total;
    for (const [w, f] of actions) if ((r -= w) < 0) return f();
    return actions[0][1]();
  };

  const lat = [];
  const errors = new Map();
  let done = 0;
  const start = Date.now();
  const end = start + SECONDS * 1000;
  const warm = start + WARMUP * 1000;
  const rss = [];
  const sampler = setInterval(() => rss.push([Math.round((Date.now() - start) / 1000), rssKiB(srv.child.pid)]), 5000);

  async function user(i) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await sleep((i * INTERVAL) / CONNECTIONS); // spread the first requests over one interval
    while (Date.now() < end) {
      const t = Date.now();
      const [method, path, body] = pick();
      const r = await send(agent, srv.port, method, path, method === 'GET' ? read : write, body);
      if (t >= warm) {
        lat.push(r.ms);
        done++;
        const ok = r.status >= 200 && r.status < 300;
        if (!ok) errors.set(`${method} ${path.split('?')[0].replace(/\d+/g, '{id}')} → ${r.status || r.error}`, (errors.get(`${method} ${path.split('?')[0].replace(/\d+/g, '{id}')} → ${r.status || r.error}`) || 0) + 1);
      }
      await sleep(Math.max(0, INTERVAL - (Date.now() - t)) * (0.5 + Math.random()));
    }
    agent.destroy();
  }
  console.log(`load: ${CONNECTIONS} keep-alive connections, one request each ~${INTERVAL} ms, ${SECONDS} s (first ${WARMUP} s not counted), ${srv.url}`);
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => user(i)));
  clearInterval(sampler);

  lat.sort((a, b) => a - b);
  const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] || 0;
  const secs = (Date.now() - warm) / 1000;
  console.log(`requests ${done} in ${secs.toFixed(0)} s = ${(done / secs).toFixed(0)} req/s`);
  console.log(`latency ms: p50 ${p(0.5).toFixed(1)}  p95 ${p(0.95).toFixed(1)}  p99 ${p(0.99).toFixed(1)}  max ${lat[lat.length - 1]?.toFixed(1)}`);
  console.log(`errors: ${[...errors.values()].reduce((a, b) => a + b, 0)}${errors.size ? ' — ' + [...errors].map(([k, v]) => `${k} ×${v}`).join('; ') : ''}`);
  console.log(`server RSS (s: MiB): ${rss.map(([t, k]) => `${t}: ${(k / 1024).toFixed(0)}`).join(', ')}`);
  const after = rss.filter(([t]) => t >= WARMUP + 5).map(([, k]) => k);
  const grew = after.length >= 2 ? after[after.length - 1] / after[0] : 1;
  console.log(`memory after warm-up: ${((grew - 1) * 100).toFixed(1)}% growth`);
  const failed = errors.size > 0 || p(0.99) >= 200 || grew > 1.2;
  console.log(failed ? 'load: FAILED (errors, p99 ≥ 200 ms, or memory growing)' : 'load: ok (no error, p99 < 200 ms, memory flat)');
  process.exitCode = failed ? 1 : 0;
} finally {
  await srv.stop();
}
