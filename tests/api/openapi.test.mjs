// docs/openapi.yaml against the server's route table (`qizhi routes`): every route is described,
// nothing is described that the server lacks (besides /healthz /readyz /metrics), and each
// operation's `x-permission` is the route table's permission column (`public`, `logged-in`, or
// the permission code). Public operations also say `security: []`, and only they do.
// No YAML library: a line reader that knows the layout the file keeps (path keys at two spaces
// under `paths:`, methods at four, operation fields at six).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const BIN = process.env.QIZHI_BIN || path.join(repo, 'build', 'debug', 'qizhi');
const SPEC = path.join(repo, 'docs', 'openapi.yaml');
const HEALTH = new Set(['GET /healthz', 'GET /readyz', 'GET /metrics']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function routeTable() {
  const out = execFileSync(BIN, ['routes'], { encoding: 'utf8', timeout: 30_000 });
  const routes = new Map();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const [method, p, permission, ...rest] = line.trim().split(/\s+/);
    assert.ok(method && p && permission && rest.length === 0, `unexpected line from \`qizhi routes\`: ${line}`);
    routes.set(`${method.toUpperCase()} ${p}`, permission);
  }
  return routes;
}

function unquote(v) {
  v = v.replace(/\s+#.*$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  return v;
}

// Map "METHOD /path" → {permission, security, line}.
function specOperations(text) {
  const ops = new Map();
  let inPaths = false;
  let currentPath = null;
  let current = null;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    if (/^\S/.test(line)) {  // a top-level key
      inPaths = /^paths:\s*$/.test(line);
      currentPath = null;
      current = null;
      return;
    }
    if (!inPaths) return;
    let m;
    if ((m = /^ {2}(\S.*?):\s*$/.exec(line))) {
      currentPath = unquote(m[1]);
      current = null;
    } else if ((m = /^ {4}([A-Za-z]+):\s*$/.exec(line)) && currentPath) {
      const method = m[1].toLowerCase();
      if (!METHODS.has(method)) { current = null; return; }
      const key = `${method.toUpperCase()} ${currentPath}`;
      assert.ok(!ops.has(key), `docs/openapi.yaml:${i + 1}: ${key} described twice`);
      current = { permission: undefined, security: undefined, line: i + 1 };
      ops.set(key, current);
    } else if (/^ {4}\S/.test(line)) {
      current = null;  // path-level field (parameters, summary…)
    } else if (current && (m = /^ {6}x-permission:\s*(.*)$/.exec(line))) {
      current.permission = unquote(m[1]);
    } else if (current && (m = /^ {6}security:\s*(.*)$/.exec(line))) {
      current.security = unquote(m[1]) === '[]' ? 'none' : 'set';
    }
  });
  return ops;
}

const routes = routeTable();
const ops = specOperations(fs.readFileSync(SPEC, 'utf8'));

test('the route table and docs/openapi.yaml are not empty', () => {
  assert.ok(routes.size > 0, `\`${BIN} routes\` printed no routes`);
  assert.ok(ops.size > 0, 'docs/openapi.yaml has no operations under paths:');
});

test('every route the server registers is in docs/openapi.yaml', () => {
  const missing = [...routes.keys()].filter((k) => !ops.has(k));
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml:\n  ${missing.join('\n  ')}`);
});

test('docs/openapi.yaml describes only routes the server has (besides health)', () => {
  const extra = [...ops.keys()].filter((k) => !routes.has(k) && !HEALTH.has(k));
  assert.deepEqual(extra, [], `operations in docs/openapi.yaml the server does not have:\n  ${extra.join('\n  ')}`);
});

test('/healthz, /readyz and /metrics are described as public', () => {
  for (const k of HEALTH) {
    assert.ok(ops.has(k), `${k} missing from docs/openapi.yaml`);
    assert.equal(ops.get(k).permission, 'public', `${k}: x-permission should be public`);
    assert.equal(ops.get(k).security, 'none', `${k}: should say security: []`);
  }
});

test("each operation's x-permission is the route table's permission", () => {
  const wrong = [];
  for (const [k, op] of ops) {
    if (op.permission === undefined) {
      wrong.push(`${k} (docs/openapi.yaml:${op.line}): no x-permission`);
      continue;
    }
    if (!routes.has(k)) continue;
    const want = routes.get(k);
    if (op.permission !== want) wrong.push(`${k} (docs/openapi.yaml:${op.line}): x-permission ${op.permission}, server ${want}`);
  }
  assert.deepEqual(wrong, [], `x-permission differs from \`qizhi routes\`:\n  ${wrong.join('\n  ')}`);
});

test('public and logged-in routes are marked so; only public ones drop the session', () => {
  const wrong = [];
  for (const [k, permission] of routes) {
    const op = ops.get(k);
    if (!op) continue;  // reported above
    if (permission === 'public') {
      if (op.permission !== 'public') wrong.push(`${k}: public route, x-permission ${op.permission}`);
      if (op.security !== 'none') wrong.push(`${k}: public route without security: []`);
    } else {
      if (permission === 'logged-in' && op.permission !== 'logged-in')
        wrong.push(`${k}: logged-in route, x-permission ${op.permission}`);
      if (op.security === 'none') wrong.push(`${k}: needs a session (${permission}) but says security: []`);
      if (op.permission === 'public' || (permission !== 'logged-in' && op.permission === 'logged-in'))
        wrong.push(`${k}: marked ${op.permission}, server requires ${permission}`);
    }
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
});
