// The command line against a live database: migrate is idempotent, demo refuses a database that
// is not empty, backup copies SQLite online, verify-audit passes on an untouched log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, expectJson } from './lib/client.mjs';

const srv = useServer();

test('qizhi migrate on an up-to-date database: exit 0, nothing changes', async () => {
  const before = srv.sql('SELECT count(*) FROM users');
  const r = srv.qizhi(['migrate', '--db', srv.dbUrl]);
  assert.equal(r.status, 0, r.output);
  assert.equal(srv.sql('SELECT count(*) FROM users'), before);
  expectJson(await new Client(srv.url).login('admin', DEMO_PASSWORD), 200);
});

test('qizhi demo on a database that is not empty fails and adds nothing', () => {
  const before = srv.sql('SELECT count(*) FROM users');
  const tenants = srv.sql('SELECT count(*) FROM tenants');
  const r = srv.qizhi(['demo', '--db', srv.dbUrl, '--key-file', srv.keyFile]);
  assert.notEqual(r.status, 0, `demo must refuse a non-empty database: ${r.output}`);
  assert.ok(/[\u4e00-\u9fff]/.test(r.output), `a message for the operator: ${r.output}`);
  assert.equal(srv.sql('SELECT count(*) FROM users'), before);
  assert.equal(srv.sql('SELECT count(*) FROM tenants'), tenants);
});

test('qizhi verify-audit on an untouched log: exit 0', () => {
  const r = srv.qizhi(['verify-audit', '--db', srv.dbUrl]);
  assert.equal(r.status, 0, r.output);
});

test('qizhi backup: an online SQLite copy holding the same rows (PostgreSQL: refused, use pg_dump)', async () => {
  // A write just before, so the copy must include recent data.
  expectJson(await new Client(srv.url).login('member', DEMO_PASSWORD), 200);
  const to = path.join(srv.tmp, 'backup.db');
  const r = srv.qizhi(['backup', '--to', to, '--db', srv.dbUrl]);
  if (srv.db !== 'sqlite') {
    assert.notEqual(r.status, 0, `backup of a PostgreSQL database is refused: ${r.output}`);
    return;
  }
  assert.equal(r.status, 0, r.output);
  assert.ok(fs.existsSync(to), 'backup file written');
  const q = (file, sql) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
  const live = srv.dbUrl.slice('sqlite:'.length);
  assert.equal(q(to, 'PRAGMA integrity_check'), 'ok');
  for (const t of ['users', 'tenants', 'roles', 'org_units']) {
    assert.equal(q(to, `SELECT count(*) FROM ${t}`), q(live, `SELECT count(*) FROM ${t}`), `${t} copied`);
  }
  const a = "(SELECT id FROM tenants WHERE name = '大足区人民医院')";
  const lastLive = q(live, `SELECT max(seq) FROM audit_log WHERE tenant_id = ${a}`);
  assert.ok(Number(lastLive) > 0);
  assert.equal(q(to, `SELECT max(seq) FROM audit_log WHERE tenant_id = ${a}`), lastLive, 'the latest audit row is in the copy');
  const v = srv.qizhi(['verify-audit', '--db', `sqlite:${to}`]);
  assert.equal(v.status, 0, `the copy's audit chain verifies: ${v.output}`);
});
