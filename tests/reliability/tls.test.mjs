// Behind TLS (issue 8): nginx with the shipped configuration (docs/nginx-qizhi.conf, ports and
// certificate paths changed) in front of `qizhi serve` run as docs/deployment.md says
// (QIZHI_SERVER_PUBLIC_ORIGIN, QIZHI_SERVER_TRUST_PROXY). Over HTTPS the session cookie is
// `__Host-qz_session` with Secure, HttpOnly, SameSite=Strict and Path=/ (no Domain); HSTS is sent;
// plain HTTP is redirected; writes need the public https Origin; the audit log records the
// client's address from nginx, not one the client forged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { startServer, freePort, repoRoot, DEMO_PASSWORD, sleep } from '../api/lib/server.mjs';

const s = {};

// One HTTPS request that trusts only the test's own certificate.
function request(method, urlPath, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request({
      host: '127.0.0.1', port: s.tlsPort, method, path: urlPath, ca: s.cert, servername: undefined,
      headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let parsed = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// docs/nginx-qizhi.conf with the test's ports and files; the rest as shipped.
function nginxConf(dir, qizhiPort) {
  let conf = fs.readFileSync(path.join(repoRoot, 'docs', 'nginx-qizhi.conf'), 'utf8');
  const swap = (from, to) => {
    assert.ok(conf.includes(from), `docs/nginx-qizhi.conf still has "${from}"`);
    conf = conf.replaceAll(from, to);
  };
  swap('server 127.0.0.1:8080;', `server 127.0.0.1:${qizhiPort};`);
  swap('listen 80;', `listen 127.0.0.1:${s.httpPort};`);
  swap('listen 443 ssl http2;', `listen 127.0.0.1:${s.tlsPort} ssl http2;`);
  conf = conf.replace(/^\s*listen \[::\]:.*$/gm, '');
  swap('/etc/nginx/tls/qizhi.crt', path.join(dir, 'cert.pem'));
  swap('/etc/nginx/tls/qizhi.key', path.join(dir, 'key.pem'));
  // The redirect names the public host; the test's public host is 127.0.0.1:<tls port>.
  swap('return 301 https://$host$request_uri;', `return 301 https://127.0.0.1:${s.tlsPort}$request_uri;`);
  fs.writeFileSync(path.join(dir, 'qizhi.conf'), conf);
  const t = (name) => path.join(dir, name);
  fs.writeFileSync(t('nginx.conf'), `daemon off;
worker_processes 1;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  include ${t('qizhi.conf')};
}
`);
  return t('nginx.conf');
}

before(async () => {
  s.tlsPort = await freePort();
  s.httpPort = await freePort();
  s.origin = `https://127.0.0.1:${s.tlsPort}`;
  s.srv = await startServer({ env: { QIZHI_SERVER_PUBLIC_ORIGIN: s.origin, QIZHI_SERVER_TRUST_PROXY: 'true' } });
  const dir = fs.mkdtempSync(path.join(s.srv.tmp, 'nginx-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  s.cert = fs.readFileSync(path.join(dir, 'cert.pem'));
  const conf = nginxConf(dir, s.srv.port);
  s.nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  s.nginxOut = '';
  s.nginx.stderr.on('data', (d) => (s.nginxOut += d));
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const r = await request('GET', '/healthz');
      if (r.status === 200) break;
    } catch { /* not up yet */ }
    assert.ok(Date.now() < deadline, `nginx did not come up: ${s.nginxOut} ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
    await sleep(100);
  }
}, { timeout: 150000 });

after(async () => {
  if (s.nginx) s.nginx.kill('SIGQUIT');
  if (s.srv) await s.srv.stop();
});

test('HTTPS through nginx: HSTS on every answer; plain HTTP is redirected to HTTPS', async () => {
  const r = await request('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers['strict-transport-security'] || '', /max-age=31536000/);
  const plain = await new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: s.httpPort, path: '/index.html' }, (res) => { res.resume(); resolve(res); }).on('error', reject);
  });
  assert.equal(plain.statusCode, 301);
  assert.equal(plain.headers.location, `${s.origin}/index.html`);
});

test('login over HTTPS: the __Host- cookie with Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain; it opens the session', async () => {
  const r = await request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD }, headers: { origin: s.origin, 'x-forwarded-for': '6.6.6.6' } });
  assert.equal(r.status, 200, r.text);
  const cookie = (r.headers['set-cookie'] || []).find((c) => c.startsWith('__Host-qz_session='));
  assert.ok(cookie, `a __Host- session cookie: ${r.headers['set-cookie']}`);
  const attrs = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
  for (const want of ['secure', 'httponly', 'samesite=strict', 'path=/']) assert.ok(attrs.includes(want), `${want} in ${cookie}`);
  assert.ok(!attrs.some((a) => a.startsWith('domain=')), `no Domain in ${cookie}`);
  s.cookie = cookie.split(';')[0];
  s.csrf = r.body.csrf_token;
  const me = await request('GET', '/api/v1/me', { headers: { cookie: s.cookie } });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'admin');
});

test('writes need the public https origin: the http origin and another site are refused', async () => {
  const headers = (origin) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, origin });
  const body = { name: '传输安全测试支部', kind: 'branch' };
  const tree = await request('GET', '/api/v1/org/tree', { headers: { cookie: s.cookie } });
  body.parent_id = tree.body.items.find((u) => u.kind === 'committee').id;
  for (const bad of [`http://127.0.0.1:${s.tlsPort}`, 'https://evil.example', `http://127.0.0.1:${s.srv.port}`]) {
    const r = await request('POST', '/api/v1/org/units', { body, headers: headers(bad) });
    assert.equal(r.status, 403, `origin ${bad}: ${r.text}`);
  }
  const ok = await request('POST', '/api/v1/org/units', { body, headers: headers(s.origin) });
  assert.equal(ok.status, 201, ok.text);
});

test('the audit log has the client address nginx saw, not the X-Forwarded-For the client forged', () => {
  const ips = s.srv.rows(`SELECT ip FROM audit_log WHERE action = 'login' AND username = 'admin'`).map(([ip]) => ip);
  assert.ok(ips.length >= 1, 'the login is audited');
  assert.ok(ips.every((ip) => ip === '127.0.0.1'), `audited addresses: ${ips}`);
});
