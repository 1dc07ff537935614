// The audit log records logins, writes, refusals and personal-data reads; the hash chain detects
// an edited or a deleted row (through the API and through `qizhi verify-audit`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const srv = useServer();
const s = {};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const TARGET = { username: 'audit.target', name: '审计对象', password: 'Str0ng#Pass1', phone: '13712345678' };
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;

test('actions to be audited: logins good and bad, create, lock, read_pii, password change, a refused write, logout', async () => {
  const admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  expectProblem(await new Client(srv.url).login('admin', 'Wrong#Pass2026'), 401, 'password');
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const u = expectJson(await sys.post('/api/v1/users', TARGET), 201);
  s.targetId = u.id;
  expectJson(await sys.post(`/api/v1/users/${u.id}/lock`), 200);
  expectJson(await sys.get(`/api/v1/users/${u.id}/phone`), 200);
  // An ordinary user of the same hospital (the audit administrator sees its own hospital only).
  const outreach = await loginAs(srv.url, 'outreach', DEMO_PASSWORD);
  expectStatus(await outreach.post('/api/v1/me/password', { old_password: DEMO_PASSWORD, new_password: 'Bangfu#Dui2026' }), 204);
  expectProblem(await admin.post('/api/v1/users', { username: 'admin.made', name: '越权', password: 'Str0ng#Pass1' }), 403);
  expectStatus(await admin.logout(), 204);
  s.aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
});

test('more audited actions: update, unlock, reset_password, assign_roles, policy, an invalid write', async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  expectJson(await sys.patch(`/api/v1/users/${s.targetId}`, { name: '审计对象改名' }), 200);
  expectJson(await sys.post(`/api/v1/users/${s.targetId}/unlock`), 200);
  expectStatus(await sys.post(`/api/v1/users/${s.targetId}/password`, { password: 'Reset#Audit2026' }), 204);
  expectProblem(await sys.post('/api/v1/users', { username: 'Bad Name', name: '无效', password: 'Str0ng#Pass1' }), 400, 'username');
  const sec = await loginAs(srv.url, 'secadmin', DEMO_PASSWORD);
  const roles = expectJson(await sec.get('/api/v1/roles?size=200'), 200).items;
  const member = roles.find((r) => r.code === 'member');
  s.memberRoleId = member.id;
  expectJson(await sec.put(`/api/v1/users/${s.targetId}/roles`, { roles: [member.id], scopes: [] }), 200);
  const policy = expectJson(await sec.get('/api/v1/policy'), 200);
  expectJson(await sec.put('/api/v1/policy', { ...policy, password_max_age_days: 60 }), 200);
  expectJson(await sec.patch(`/api/v1/roles/${member.id}`, { name: member.name, description: '党员（审计测试）', permissions: member.permissions, require_totp: false }), 200);

  const items = expectJson(await s.aud.get('/api/v1/audit?size=200'), 200).items;
  const find = (what, pred) => {
    const r = items.find(pred);
    assert.ok(r, `audit row for ${what}: ${JSON.stringify(items.map((x) => [x.seq, x.username, x.action, x.result, x.record_id]))}`);
    return r;
  };
  const id = String(s.targetId);
  const upd = find('update of the user', (r) => r.action === 'update' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === id);
  assert.ok(JSON.stringify(upd.before).includes('审计对象') && JSON.stringify(upd.after).includes('审计对象改名'), `before/after of the update: ${JSON.stringify(upd)}`);
  find('unlock', (r) => r.action === 'unlock' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === id);
  const reset = find('reset_password', (r) => r.action === 'reset_password' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === id);
  assert.ok(!JSON.stringify(reset).includes('Reset#Audit2026'), 'no password in the reset row');
  find('invalid create', (r) => r.username === 'sysadmin' && r.result === 'invalid');
  find('assign_roles', (r) => r.action === 'assign_roles' && r.username === 'secadmin' && r.result === 'ok' && String(r.record_id) === id);
  const pol = find('policy', (r) => r.action === 'policy' && r.username === 'secadmin' && r.result === 'ok');
  assert.ok(JSON.stringify(pol.after).includes('60'), `policy row holds the new value: ${JSON.stringify(pol)}`);
  find('update of the role', (r) => r.action === 'update' && r.username === 'secadmin' && r.result === 'ok' && String(r.record_id) === String(member.id));
});

test('the audit list holds a row for each, with action, result and username', async () => {
  const res = await s.aud.get('/api/v1/audit?size=200');
  const list = expectJson(res, 200);
  assert.ok(Array.isArray(list.items));
  const def = expectJson(await s.aud.get('/api/v1/audit'), 200);
  assert.equal(def.size, 20, 'default page size 20');
  assert.equal(def.items.length, 20);
  assert.equal(def.total, list.total);
  assert.equal(list.page, 1);
  assert.equal(list.size, 200);
  // The two tests above wrote 20 rows in this hospital, 11 then 9: logins of admin (ok, failed),
  // sysadmin, outreach and audadmin, create, lock, read_pii, change_password, the denied write,
  // logout; login of sysadmin, update, unlock, reset_password, the invalid write, login of
  // secadmin, assign_roles, policy, role update.
  assert.ok(list.total >= 20, `total ${list.total}`);
  const items = list.items;
  for (const r of items) {
    for (const k of ['id', 'seq', 'at', 'tenant_id', 'user_id', 'username', 'action', 'record_type', 'record_id', 'result', 'ip', 'before', 'after']) {
      assert.ok(k in r, `item has ${k}: ${JSON.stringify(r)}`);
    }
    assert.match(r.at, ISO);
    assert.ok(['ok', 'failed', 'denied', 'invalid'].includes(r.result), `result ${r.result}`);
  }
  const find = (what, pred) => {
    const r = items.find(pred);
    assert.ok(r, `audit row for ${what}: ${JSON.stringify(items.map((x) => [x.seq, x.username, x.action, x.result, x.record_id]))}`);
    return r;
  };
  const loginOk = find('good login of admin', (r) => r.action === 'login' && r.username === 'admin' && r.result === 'ok');
  assert.equal(loginOk.ip, '127.0.0.1');
  find('failed login of admin', (r) => r.action === 'login' && r.username === 'admin' && r.result === 'failed');
  const created = find('create of audit.target', (r) => r.action === 'create' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === String(s.targetId));
  assert.ok(JSON.stringify(created.after).includes('audit.target'), `after holds the new user: ${JSON.stringify(created)}`);
  s.created = created;
  find('lock of audit.target', (r) => r.action === 'lock' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === String(s.targetId));
  find('read_pii of audit.target', (r) => r.action === 'read_pii' && r.username === 'sysadmin' && r.result === 'ok' && String(r.record_id) === String(s.targetId));
  find('change_password of outreach', (r) => r.action === 'change_password' && r.username === 'outreach' && r.result === 'ok');
  find('refused write of admin', (r) => r.username === 'admin' && r.result === 'denied');
  find('logout of admin', (r) => r.action === 'logout' && r.username === 'admin' && r.result === 'ok');
  find('login of audadmin', (r) => r.action === 'login' && r.username === 'audadmin' && r.result === 'ok');
  for (const secret of [DEMO_PASSWORD, 'Bangfu#Dui2026', 'Str0ng#Pass1', 'Wrong#Pass2026']) {
    assert.ok(!res.text.includes(secret), `no password in the audit log (${secret})`);
  }
  // Newest first.
  for (let i = 1; i < items.length; i++) {
    assert.ok(Date.parse(items[i - 1].at) >= Date.parse(items[i].at), `newest first by time at ${i}`);
    if (items[i - 1].tenant_id === items[i].tenant_id) assert.ok(Number(items[i - 1].seq) > Number(items[i].seq), `newest first by seq at ${i}`);
  }
});

test('audit list: sort=at gives oldest first', async () => {
  const asc = expectJson(await s.aud.get('/api/v1/audit?sort=at&size=200'), 200).items;
  assert.ok(asc.length >= 2);
  for (let i = 1; i < asc.length; i++) assert.ok(Date.parse(asc[i - 1].at) <= Date.parse(asc[i].at), `sort=at is oldest first at ${i}: ${asc[i - 1].at} then ${asc[i].at}`);
  assert.ok(Date.parse(asc[0].at) < Date.parse(asc[asc.length - 1].at));
});

test('audit filters: action, user, record, time', async () => {
  const logins = expectJson(await s.aud.get('/api/v1/audit?action=login&size=200'), 200);
  assert.ok(logins.items.length >= 4);
  assert.ok(logins.items.every((r) => r.action === 'login'), 'only logins');
  const admin = expectJson(await s.aud.get('/api/v1/audit?user=admin&size=200'), 200);
  assert.ok(admin.items.length >= 3);
  assert.ok(admin.items.every((r) => r.username === 'admin'), 'only admin');
  const rec = expectJson(await s.aud.get(`/api/v1/audit?record_type=${encodeURIComponent(s.created.record_type)}&record_id=${s.targetId}&size=200`), 200);
  assert.ok(rec.items.length >= 3, 'create, lock, read_pii of the target');
  assert.ok(rec.items.every((r) => String(r.record_id) === String(s.targetId) && r.record_type === s.created.record_type));
  const t = (iso) => encodeURIComponent(iso);
  const future = expectJson(await s.aud.get(`/api/v1/audit?from=${t('2100-01-01T00:00:00Z')}`), 200);
  assert.equal(future.total, 0);
  assert.deepEqual(future.items, []);
  const past = expectJson(await s.aud.get(`/api/v1/audit?to=${t('2000-01-01T00:00:00Z')}`), 200);
  assert.equal(past.total, 0);
  const both = expectJson(await s.aud.get(`/api/v1/audit?from=${t('2000-01-01T00:00:00Z')}&to=${t('2100-01-01T00:00:00Z')}&size=1`), 200);
  assert.ok(both.total >= 10);
  assert.equal(both.items.length, 1);
});

test("an ISO time with unencoded ':' in the query (allowed by RFC 3986) is accepted", async () => {
  const res = await s.aud.get('/api/v1/audit?from=2000-01-01T00:00:00Z&size=1');
  const b = expectJson(res, 200);
  assert.ok(b.total >= 10);
  const none = expectJson(await s.aud.get('/api/v1/audit?from=2100-01-01T00:00:00Z'), 200);
  assert.equal(none.total, 0);
});

test('concurrent writes keep the chain whole: unique, gap-free seq and verify ok', async () => {
  const sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  const before = Number(srv.sql(`SELECT count(*) FROM audit_log WHERE tenant_id = ${q(s.created.tenant_id)}`));
  const results = await Promise.all([
    ...Array.from({ length: 12 }, (_, i) => sys.patch(`/api/v1/users/${s.targetId}`, { name: `并发${i}` })),
    ...Array.from({ length: 6 }, (_, i) => sys.post('/api/v1/users', { username: `conc.user${i}`, name: `并发${i}`, password: 'Str0ng#Pass1' })),
    ...Array.from({ length: 6 }, () => new Client(srv.url).login('leader', DEMO_PASSWORD)),
  ]);
  for (const r of results) assert.ok([200, 201].includes(r.status), show(r));
  const seqs = srv.rows(`SELECT seq FROM audit_log WHERE tenant_id = ${q(s.created.tenant_id)} ORDER BY seq`).map((r) => Number(r[0]));
  assert.ok(seqs.length >= before + 24, `at least 24 new rows: ${before} → ${seqs.length}`);
  for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1] + 1, `seq gap-free at ${seqs[i - 1]}`);
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, true, JSON.stringify(v));
});

test('/audit/verify: ok on an untouched log', async () => {
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, true);
  assert.equal(v.first_broken, null);
  assert.ok(Number.isInteger(v.checked) && v.checked >= 10, `checked ${v.checked}`);
  const cli = srv.qizhi(['verify-audit', '--db', srv.dbUrl]);
  assert.equal(cli.status, 0, `verify-audit on a good log: ${cli.output}`);
});

test('an edited after_json is detected by /audit/verify and by qizhi verify-audit', async () => {
  const { tenant_id: t, seq } = s.created;
  const where = `tenant_id = ${q(t)} AND seq = ${Number(seq)}`;
  s.original = srv.sql(`SELECT after_json FROM audit_log WHERE ${where}`);
  assert.ok(s.original.includes('audit.target'), `row found in the table: ${s.original}`);
  srv.sql(`UPDATE audit_log SET after_json = '{"username":"someone.else"}' WHERE ${where}`);
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, false);
  assert.ok(v.first_broken, 'first_broken set');
  assert.equal(Number(v.first_broken.seq), Number(seq));
  assert.equal(String(v.first_broken.tenant_id), String(t));
  assert.equal(typeof v.first_broken.reason, 'string');
  assert.ok(v.first_broken.reason.length > 0);
  const cli = srv.qizhi(['verify-audit', '--db', srv.dbUrl]);
  assert.equal(cli.status, 1, `verify-audit exits 1: ${cli.output}`);
  assert.match(cli.output, new RegExp(`(?<![\\d:.T-])${Number(seq)}(?![\\d:.Z-])`), `verify-audit names seq ${seq}: ${cli.output}`);
});

test('restoring the row makes the chain whole again', async () => {
  const { tenant_id: t, seq } = s.created;
  srv.sql(`UPDATE audit_log SET after_json = ${q(s.original)} WHERE tenant_id = ${q(t)} AND seq = ${Number(seq)}`);
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, true, JSON.stringify(v));
  assert.equal(srv.qizhi(['verify-audit', '--db', srv.dbUrl]).status, 0);
});

test('a deleted row is detected', async () => {
  const { tenant_id: t } = s.created;
  const seqs = srv.rows(`SELECT seq FROM audit_log WHERE tenant_id = ${q(t)} ORDER BY seq`).map((r) => Number(r[0]));
  assert.ok(seqs.length >= 5, `rows in the tenant: ${seqs}`);
  const victim = seqs[Math.floor(seqs.length / 2)];
  srv.sql(`DELETE FROM audit_log WHERE tenant_id = ${q(t)} AND seq = ${victim}`);
  const v = expectJson(await s.aud.get('/api/v1/audit/verify'), 200);
  assert.equal(v.ok, false);
  assert.ok(v.first_broken, 'first_broken set');
  assert.equal(String(v.first_broken.tenant_id), String(t));
  const next = seqs[seqs.indexOf(victim) + 1];
  assert.ok([victim, next].includes(Number(v.first_broken.seq)), `first_broken.seq ${v.first_broken.seq} is ${victim} (missing) or ${next} (after the gap)`);
  const cli = srv.qizhi(['verify-audit', '--db', srv.dbUrl]);
  assert.equal(cli.status, 1, `verify-audit exits 1: ${cli.output}`);
  assert.match(cli.output, new RegExp(`(?<![\\d:.T-])(${victim}|${next})(?![\\d:.Z-])`), `verify-audit names the gap: ${cli.output}`);
});
