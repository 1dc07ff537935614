// Nothing lost (issue 8): several clients write — new members (a member row, its unit period, its
// status history and an audit row in one transaction), rewards on existing members, and
// 学习强国 imports (dozens of rows in one transaction) — while the server is killed with
// SIGKILL at a random moment. After each restart every write answered 2xx is there, nothing is
// half-written, the database passes its own integrity check (SQLite integrity_check, PostgreSQL
// amcheck) and the audit chain verifies.
//
// QIZHI_CRASH_ROUNDS rounds (20 in `make test`, 1,000 in `make soak`); QIZHI_CRASH_SEED fixes the
// random moments (printed, so a failing run can be repeated).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD, sleep } from '../api/lib/server.mjs';
import { loginAs, expectJson } from '../api/lib/client.mjs';
import { idNumber } from '../api/lib/idnumber.mjs';

const srv = useServer();
const ROUNDS = Number(process.env.QIZHI_CRASH_ROUNDS || 20);
const SEED = Number(process.env.QIZHI_CRASH_SEED || Date.now() % 1_000_000);
const WRITERS = 4;

// A small deterministic generator (mulberry32), so a seed repeats a run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(SEED);

const s = { acked: { members: [], rewards: [], imports: [] }, seq: 0, months: [] };
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;

// Valid, unique ID numbers the demo never uses (region 500199): one birth date per member.
function memberBody(unit_id) {
  s.seq += 1;
  const n = s.seq;
  const sex = n % 2 ? '男' : '女';
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 25_000) * 86_400_000).toISOString().slice(0, 10);
  return {
    unit_id, name: `崩溃测试${SEED}-${n}`, sex, id_number: idNumber({ birth, sex, seq: 1 + Math.floor(n / 25_000) + (SEED % 300) }),
    ethnicity: '汉族', education: '大学本科', category: '在岗职工', status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01',
    hardship: false, flowing: false,
  };
}

// A month for a 学习强国 import, cycling through 2019-01 … last month: a later import of a month
// supersedes the earlier one, which stays, so every acknowledged import is still found by id.
function nextMonth() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const months = (now.getUTCFullYear() - 2019) * 12 + now.getUTCMonth();
  const i = s.months.length % months;
  const p = `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  s.months.push(p);
  return p;
}

// One writer: keeps writing until the server stops answering; every 2xx is recorded.
async function writer(c, stopAt) {
  while (Date.now() < stopAt) {
    const pick = rnd();
    try {
      if (pick < 0.6) {
        const unit = s.units[Math.floor(rnd() * s.units.length)];
        const body = memberBody(unit.id);
        const res = await c.post('/api/v1/members', body);
        if (res.status === 201) s.acked.members.push({ id: res.body.id, name: body.name });
        else if (res.status === 503) return; // shutting down: not acknowledged
        else assert.fail(`member: ${res.status} ${JSON.stringify(res.body)}`);
      } else if (pick < 0.85) {
        const m = s.existing[Math.floor(rnd() * s.existing.length)];
        const title = `崩溃测试表彰${SEED}-${++s.seq}`;
        const res = await c.post(`/api/v1/members/${m}/rewards`, { kind: 'reward', title, decided_on: '2025-07-01', authority: '院党委' });
        if (res.status === 201) s.acked.rewards.push({ member: m, title });
        else if (res.status === 503) return;
        else assert.fail(`reward: ${res.status} ${JSON.stringify(res.body)}`);
      } else {
        const period = nextMonth();
        const res = await c.request('POST', `/api/v1/study/xuexi/import?period=${period}`, undefined, { rawBody: s.xuexiFile, headers: { 'content-type': 'text/csv' } });
        if (res.status === 201) s.acked.imports.push({ id: res.body.id, period, rows: res.body.rows });
        else if (res.status === 503) return;
        else assert.fail(`import: ${res.status} ${JSON.stringify(res.body)}`);
      }
    } catch (e) {
      if (e.code === 'ERR_ASSERTION') throw e;
      return; // the server is gone: this write was never acknowledged
    }
  }
}

function integrity() {
  if (srv.db === 'sqlite') {
    assert.equal(srv.sql('PRAGMA integrity_check'), 'ok', 'SQLite integrity_check');
    assert.equal(srv.sql('PRAGMA foreign_key_check'), '', 'SQLite foreign_key_check');
  } else {
    srv.sql('SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS amcheck');
    const n = srv.sql(`SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE a.amname = 'btree' AND ns.nspname = 'public'`);
    assert.ok(Number(n) > 10, `amcheck checked the B-tree indexes (${n})`);
  }
}

function verifyAcked() {
  const names = new Map(srv.rows(`SELECT id, name FROM members WHERE name LIKE ${q(`崩溃测试${SEED}-%`)}`).map(([id, name]) => [Number(id), name]));
  for (const m of s.acked.members) assert.equal(names.get(m.id), m.name, `acknowledged member ${m.id} ${m.name} is there`);
  // Nothing half-written: every member has its unit period, its status history and its audit row.
  assert.equal(srv.sql(`SELECT count(*) FROM members m WHERE NOT EXISTS (SELECT 1 FROM member_units u WHERE u.tenant_id = m.tenant_id AND u.member_id = m.id)`), '0', 'members without a unit period');
  assert.equal(srv.sql(`SELECT count(*) FROM members m WHERE m.name LIKE ${q(`崩溃测试${SEED}-%`)} AND NOT EXISTS (SELECT 1 FROM member_status_history h WHERE h.tenant_id = m.tenant_id AND h.member_id = m.id)`), '0', 'members without status history');
  assert.equal(srv.sql(`SELECT count(*) FROM members m WHERE m.name LIKE ${q(`崩溃测试${SEED}-%`)} AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'member' AND a.action = 'create' AND a.result = 'ok' AND a.record_id = CAST(m.id AS TEXT))`), '0', 'members without their audit row');

  const rewards = new Set(srv.rows(`SELECT member_id, title FROM member_rewards WHERE title LIKE ${q(`崩溃测试表彰${SEED}-%`)}`).map(([m, t]) => `${m}|${t}`));
  for (const r of s.acked.rewards) assert.ok(rewards.has(`${r.member}|${r.title}`), `acknowledged reward ${r.title} is there`);

  for (const im of s.acked.imports) {
    assert.equal(srv.sql(`SELECT count(*) FROM xuexi_imports WHERE id = ${im.id} AND period = ${q(im.period)}`), '1', `acknowledged import ${im.period}`);
  }
  // Every import there is whole, acknowledged or not.
  const partial = srv.sql(`SELECT count(*) FROM xuexi_imports i WHERE i.rows_count <> (SELECT count(*) FROM xuexi_stats x WHERE x.tenant_id = i.tenant_id AND x.import_id = i.id)`);
  assert.equal(partial, '0', 'imports with missing rows');

  const v = srv.qizhi(['verify-audit', '--db', srv.dbUrl, '--key-file', srv.keyFile]);
  assert.equal(v.status, 0, `the audit chain verifies: ${v.output}`);
}

test('setup: the writers\' branches, members to reward and a 学习强国 file of every branch', async () => {
  console.log(`# crash test: ${ROUNDS} rounds, seed ${SEED} (QIZHI_CRASH_SEED=${SEED} repeats it), ${srv.db}`);
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.units = tree.filter((u) => u.kind === 'branch');
  s.existing = expectJson(await s.admin.get('/api/v1/members?size=50'), 200).items.map((m) => m.id);
  const unique = s.units.filter((u) => s.units.filter((x) => x.name === u.name).length === 1);
  s.xuexiFile = Buffer.from(['组织名称,成员数,注册人数', ...unique.map((u, i) => `${u.name},${10 + i},${9 + i}`)].join('\r\n') + '\r\n', 'utf8');
  s.writers = [s.admin];
  for (let i = 1; i < WRITERS; i++) s.writers.push(await loginAs(srv.url, 'admin', DEMO_PASSWORD));
});

test(`kill -9 during writes, ${ROUNDS} rounds: every acknowledged write survives, nothing half-written`, { timeout: 60_000 + ROUNDS * 20_000 }, async () => {
  for (let round = 1; round <= ROUNDS; round++) {
    const before = s.acked.members.length + s.acked.rewards.length + s.acked.imports.length;
    const killAfter = 150 + Math.floor(rnd() * 1200);
    const stopAt = Date.now() + killAfter + 5000;
    const writes = s.writers.map((c) => writer(c, stopAt));
    await sleep(killAfter);
    await srv.kill9();
    await Promise.all(writes);
    await srv.restart();
    verifyAcked();
    integrity();
    const after = s.acked.members.length + s.acked.rewards.length + s.acked.imports.length;
    assert.ok(after >= before, 'counting');
    if (round === 1 || round % 5 === 0 || round === ROUNDS) {
      console.log(`# round ${round}: killed after ${killAfter} ms; acknowledged so far: ${s.acked.members.length} members, ${s.acked.rewards.length} rewards, ${s.acked.imports.length} imports`);
    }
  }
  assert.ok(s.acked.members.length > ROUNDS, 'the writers got writes through between kills');
});
