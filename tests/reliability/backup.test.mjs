// Backup and restore under load (issue 8): while two clients add members, the database is backed
// up — `qizhi backup` (SQLite's online backup) or `pg_dump` (PostgreSQL) — and restored into a new
// database, which is then served: it holds every member written before the backup began and
// none that is half-written, passes its integrity check, its audit chain verifies, and the
// restored server answers with the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import crypto from 'node:crypto';
import { useServer, startServer, DEMO_PASSWORD, sleep } from '../api/lib/server.mjs';
import { loginAs, expectJson } from '../api/lib/client.mjs';
import { idNumber } from '../api/lib/idnumber.mjs';

const srv = useServer();
const s = { seq: 0, acked: [] };
const TAG = `备份测试${process.pid}`;

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (status) => resolve({ status, out }));
  });
}

async function writer(c, until) {
  while (Date.now() < until) {
    s.seq += 1;
    const n = s.seq;
    const sex = n % 2 ? '男' : '女';
    const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const unit = s.units[n % s.units.length];
    const res = await c.post('/api/v1/members', {
      unit_id: unit.id, name: `${TAG}-${n}`, sex, id_number: idNumber({ birth, sex, seq: 777 }), ethnicity: '汉族',
      education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01', hardship: false, flowing: false,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    s.acked.push({ id: res.body.id, at: Date.now() });
  }
}

test('backup while members are being added, restore into a new database, serve it', { timeout: 240_000 }, async () => {
  const admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.units = expectJson(await admin.get('/api/v1/org/tree'), 200).items.filter((u) => u.kind === 'branch');
  const writers = [admin, await loginAs(srv.url, 'admin', DEMO_PASSWORD)];
  const until = Date.now() + 4000;
  const load = Promise.all(writers.map((c) => writer(c, until)));
  await sleep(1500);

  const startedAt = Date.now();
  const ackedBefore = s.acked.length;
  let restored;
  if (srv.db === 'sqlite') {
    const file = path.join(srv.tmp, 'restored.db');
    const r = await run(process.env.QIZHI_BIN, ['backup', '--db', srv.dbUrl, '--key-file', srv.keyFile, '--to', file]);
    assert.equal(r.status, 0, `qizhi backup: ${r.out}`);
    restored = `sqlite:${file}`;
    assert.equal(execFileSync('sqlite3', [file, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim(), 'ok');
  } else {
    const dump = path.join(srv.tmp, 'backup.dump');
    const r = await run('pg_dump', ['-Fc', '-f', dump, srv.dbUrl]);
    assert.equal(r.status, 0, `pg_dump: ${r.out}`);
    const name = 'qz_restore_' + crypto.randomBytes(5).toString('hex');
    execFileSync('psql', [process.env.QIZHI_TEST_PG, '-q', '-c', `CREATE DATABASE ${name}`]);
    s.pgRestored = name;
    restored = srv.dbUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    const rr = await run('pg_restore', ['--exit-on-error', '-d', restored, dump]);
    assert.equal(rr.status, 0, `pg_restore: ${rr.out}`);
  }
  const finishedAt = Date.now();
  await load;
  assert.ok(s.acked.length > ackedBefore, 'writes went on during the backup');

  const backup = await startServer({ existing: { dbUrl: restored, keyFile: srv.keyFile } });
  try {
    const v = backup.qizhi(['verify-audit', '--db', restored, '--key-file', srv.keyFile]);
    assert.equal(v.status, 0, `the restored audit chain verifies: ${v.output}`);
    const ids = new Set(backup.rows(`SELECT id FROM members WHERE name LIKE '${TAG}-%'`).map(([id]) => Number(id)));
    // Every member acknowledged before the backup began is in it; whatever else is in it was
    // acknowledged by the time the backup finished (a consistent snapshot in between).
    for (const a of s.acked.slice(0, ackedBefore)) assert.ok(ids.has(a.id), `member ${a.id}, acknowledged before the backup, is in it`);
    const ackedIds = new Set(s.acked.map((a) => a.id));
    for (const id of ids) assert.ok(ackedIds.has(id), `member ${id} in the backup was acknowledged`);
    assert.equal(backup.sql(`SELECT count(*) FROM members m WHERE NOT EXISTS (SELECT 1 FROM member_units u WHERE u.tenant_id = m.tenant_id AND u.member_id = m.id)`), '0', 'no half-written member');
    assert.equal(backup.sql(`SELECT count(*) FROM members m WHERE m.name LIKE '${TAG}-%' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'member' AND a.action = 'create' AND a.record_id = CAST(m.id AS TEXT))`), '0', 'every member with its audit row');

    // The restored server: the same logins and the same counts as its database.
    const c = await loginAs(backup.url, 'admin', DEMO_PASSWORD);
    const list = expectJson(await c.get(`/api/v1/members?q=${encodeURIComponent(TAG)}&size=1`), 200);
    assert.equal(list.total, ids.size, 'the restored server lists the restored members');
    const total = Number(backup.sql(`SELECT count(*) FROM members WHERE tenant_id = 2 AND state = 'active'`));
    assert.equal(expectJson(await c.get('/api/v1/members?size=1'), 200).total, total);
    console.log(`# backup (${srv.db}) took ${finishedAt - startedAt} ms under load; ${ackedBefore} members before it, ${ids.size} in it, ${s.acked.length} written in all`);
  } finally {
    await backup.stop();
    if (s.pgRestored) execFileSync('psql', [process.env.QIZHI_TEST_PG, '-q', '-c', `DROP DATABASE IF EXISTS ${s.pgRestored} WITH (FORCE)`]);
  }
});
