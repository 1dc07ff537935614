// User administration by the system administrator: validation per field, list, PII, lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { Client, loginAs, expectJson, expectProblem, expectStatus, show } from './lib/client.mjs';

const srv = useServer();
const s = {};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const GOOD = { username: 'zhang.san-01', name: '张三', password: 'Str0ng#Pass1', phone: '13812345678' };

test('setup: sysadmin session', async () => {
  s.sys = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
});

const invalid = [
  ['username too short', { ...GOOD, username: 'ab' }, 'username'],
  ['username too long', { ...GOOD, username: 'a'.repeat(33) }, 'username'],
  ['username with capitals', { ...GOOD, username: 'ZhangSan' }, 'username'],
  ['username with a space', { ...GOOD, username: 'zhang san' }, 'username'],
  ['username in Chinese', { ...GOOD, username: '张三丰' }, 'username'],
  ['username missing', { name: '张三', password: 'Str0ng#Pass1' }, 'username'],
  ['name missing', { username: 'no.name', password: 'Str0ng#Pass1' }, 'name'],
  ['name empty', { ...GOOD, username: 'empty.name', name: '' }, 'name'],
  ['phone too short', { ...GOOD, username: 'bad.phone1', phone: '1381234567' }, 'phone'],
  ['phone not starting with 1', { ...GOOD, username: 'bad.phone2', phone: '23812345678' }, 'phone'],
  ['phone with a letter', { ...GOOD, username: 'bad.phone3', phone: '1381234567a' }, 'phone'],
  ['phone too long', { ...GOOD, username: 'bad.phone4', phone: '138123456789' }, 'phone'],
  ['password too short', { ...GOOD, username: 'weak.pw1', password: 'Ab1#' }, 'password'],
  ['password with one class', { ...GOOD, username: 'weak.pw2', password: 'abcdefghijkl' }, 'password'],
  ['password containing the username', { ...GOOD, username: 'weak.pw3', password: 'weak.pw3#ABC' }, 'password'],
  ['password missing', { username: 'weak.pw4', name: '张三' }, 'password'],
];

for (const [what, body, field] of invalid) {
  test(`create user refused: ${what} → 400 field ${field}`, async () => {
    expectProblem(await s.sys.post('/api/v1/users', body), 400, field);
    if (body.username) {
      const list = expectJson(await s.sys.get(`/api/v1/users?q=${encodeURIComponent(body.username)}`), 200);
      assert.ok(!list.items.some((u) => u.username === body.username), 'not created');
    }
  });
}

test('several invalid fields are all reported', async () => {
  const res = await s.sys.post('/api/v1/users', { username: 'X', name: '', password: 'a', phone: '12' });
  expectProblem(res, 400, 'username');
  for (const f of ['name', 'password', 'phone']) expectProblem(res, 400, f);
});

test('create user → 201 with the user; phone masked; no password in the answer', async () => {
  const res = await s.sys.post('/api/v1/users', GOOD);
  const u = expectJson(res, 201);
  assert.ok(u.id !== undefined && u.id !== null);
  assert.equal(u.username, GOOD.username);
  assert.equal(u.name, GOOD.name);
  assert.equal(u.phone, '138****5678');
  assert.equal(u.status, 'active');
  assert.deepEqual(u.roles, []);
  assert.match(u.created_at, ISO);
  assert.equal(u.totp_enabled, false);
  assert.ok(!/password_hash|Str0ng#Pass1|13812345678/.test(res.text), `no secret or full phone in ${res.text}`);
  s.user = u;
  // The new user can log in.
  const c = new Client(srv.url);
  const login = expectJson(await c.login(GOOD.username, GOOD.password), 200);
  assert.equal(login.user.id, u.id);
});

test('boundaries that are valid: 3 and 32 characters, _ . -, no phone, an 8-character password of 3 classes', async () => {
  const short = expectJson(await s.sys.post('/api/v1/users', { username: 'a_b', name: '短名', password: 'Qzmkwd37' }), 201);
  assert.equal(short.username, 'a_b');
  assert.ok(short.phone === null || short.phone === undefined || short.phone === '', `no phone: ${JSON.stringify(short)}`);
  const long = 'l'.repeat(30) + '.-';
  assert.equal(long.length, 32);
  expectJson(await s.sys.post('/api/v1/users', { username: long, name: '长名', password: 'Str0ng#Pass1' }), 201);
  expectJson(await new Client(srv.url).login('a_b', 'Qzmkwd37'), 200);
});

test('duplicate username → 409 field username', async () => {
  expectProblem(await s.sys.post('/api/v1/users', { ...GOOD, name: '李四' }), 409, 'username');
  expectProblem(await s.sys.post('/api/v1/users', { ...GOOD, username: 'member', name: '李四' }), 409, 'username');
});

test('list: shape, paginated, searchable, sortable; phone masked', async () => {
  for (let i = 1; i <= 3; i++) {
    expectJson(await s.sys.post('/api/v1/users', { username: `list.user${i}`, name: `列表${i}`, password: 'Str0ng#Pass1', phone: `1390000000${i}` }), 201);
  }
  const all = expectJson(await s.sys.get('/api/v1/users?size=200'), 200);
  assert.equal(all.page, 1);
  assert.equal(all.size, 200);
  assert.equal(all.total, all.items.length);
  assert.ok(all.total >= 12, `demo users + 4 created: ${all.total}`);
  const z = all.items.find((u) => u.username === GOOD.username);
  assert.ok(z);
  for (const k of ['id', 'username', 'name', 'phone', 'status', 'locked_until', 'roles', 'scopes', 'created_at', 'last_login_at', 'password_changed_at', 'totp_enabled']) {
    assert.ok(k in z, `item has ${k}: ${JSON.stringify(z)}`);
  }
  assert.equal(z.phone, '138****5678');
  assert.ok(Array.isArray(z.scopes));
  assert.match(z.last_login_at, ISO, 'last login recorded');
  for (const u of all.items) {
    if (u.phone !== null && u.phone !== undefined && u.phone !== '') assert.match(u.phone, /^1\d{2}\*{4}\d{4}$/, `masked: ${u.phone}`);
  }
  const sysItem = all.items.find((u) => u.username === 'sysadmin');
  assert.deepEqual(sysItem.roles, ['sysadmin']);

  const def = expectJson(await s.sys.get('/api/v1/users'), 200);
  assert.equal(def.size, 20);
  assert.equal(def.total, all.total);

  const p1 = expectJson(await s.sys.get('/api/v1/users?size=2&page=1&sort=username'), 200);
  const p2 = expectJson(await s.sys.get('/api/v1/users?size=2&page=2&sort=username'), 200);
  assert.equal(p1.items.length, 2);
  assert.equal(p2.items.length, 2);
  assert.equal(p1.total, all.total);
  assert.equal(p2.page, 2);
  const sorted = all.items.map((u) => u.username).sort();
  assert.deepEqual(p1.items.map((u) => u.username), sorted.slice(0, 2));
  assert.deepEqual(p2.items.map((u) => u.username), sorted.slice(2, 4));

  const desc = expectJson(await s.sys.get('/api/v1/users?size=200&sort=-username'), 200);
  assert.deepEqual(desc.items.map((u) => u.username), [...sorted].reverse());

  const q = expectJson(await s.sys.get('/api/v1/users?q=list.user'), 200);
  assert.equal(q.total, 3);
  assert.deepEqual(q.items.map((u) => u.username).sort(), ['list.user1', 'list.user2', 'list.user3']);
  const byName = expectJson(await s.sys.get(`/api/v1/users?q=${encodeURIComponent('张三')}`), 200);
  assert.ok(byName.items.some((u) => u.username === GOOD.username), 'search by name');
  assert.ok(!byName.items.some((u) => u.username === 'list.user1'));

  const big = await s.sys.get('/api/v1/users?size=500');
  if (big.status === 200) assert.equal(big.body.size, 200, 'size is capped at 200');
  else expectProblem(big, 400, 'size');
  const beyond = expectJson(await s.sys.get('/api/v1/users?page=99&size=20'), 200);
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, all.total);
});

test('PATCH user: name and phone; invalid phone → 400 field phone', async () => {
  const res = await s.sys.patch(`/api/v1/users/${s.user.id}`, { name: '张三丰', phone: '13900001111' });
  const u = expectJson(res, 200);
  assert.equal(u.name, '张三丰');
  assert.equal(u.phone, '139****1111');
  expectProblem(await s.sys.patch(`/api/v1/users/${s.user.id}`, { phone: '1390000' }), 400, 'phone');
  expectProblem(await s.sys.patch(`/api/v1/users/${s.user.id}`, { name: '' }), 400, 'name');
  const listed = expectJson(await s.sys.get(`/api/v1/users?q=${GOOD.username}`), 200).items.find((x) => x.id === s.user.id);
  assert.equal(listed.name, '张三丰');
  assert.equal(listed.phone, '139****1111');
});

test('GET /users/{id}/phone → the full value, and an audit row read_pii', async () => {
  const res = await s.sys.get(`/api/v1/users/${s.user.id}/phone`);
  const b = expectJson(res, 200);
  assert.deepEqual(b, { phone: '13900001111' });
  const aud = await loginAs(srv.url, 'audadmin', DEMO_PASSWORD);
  const list = expectJson(await aud.get('/api/v1/audit?action=read_pii&size=200'), 200);
  const row = list.items.find((r) => r.action === 'read_pii' && String(r.record_id) === String(s.user.id));
  assert.ok(row, `read_pii row for user ${s.user.id}: ${JSON.stringify(list.items)}`);
  assert.equal(row.username, 'sysadmin');
  assert.equal(row.result, 'ok');
  assert.ok(!JSON.stringify(row).includes('13900001111'), 'the audit row does not hold the phone itself');
});

test('unknown user id → 404 on PATCH, lock, phone, password', async () => {
  const id = 987654;
  expectProblem(await s.sys.patch(`/api/v1/users/${id}`, { name: '无此人' }), 404);
  expectProblem(await s.sys.post(`/api/v1/users/${id}/lock`), 404);
  expectProblem(await s.sys.get(`/api/v1/users/${id}/phone`), 404);
  expectProblem(await s.sys.post(`/api/v1/users/${id}/password`, { password: 'Str0ng#Pass9' }), 404);
});

test('lock → that user is refused at login (403 field username); unlock → works', async () => {
  const locked = expectJson(await s.sys.post(`/api/v1/users/${s.user.id}/lock`), 200);
  assert.equal(locked.status, 'locked');
  assert.equal(locked.id, s.user.id);
  const refused = await new Client(srv.url).login(GOOD.username, GOOD.password);
  const listed = expectJson(await s.sys.get(`/api/v1/users?q=${GOOD.username}`), 200).items.find((x) => x.id === s.user.id);
  const unlocked = expectJson(await s.sys.post(`/api/v1/users/${s.user.id}/unlock`), 200);
  const again = await new Client(srv.url).login(GOOD.username, GOOD.password);
  assert.equal(listed.status, 'locked');
  assert.equal(unlocked.status, 'active');
  expectJson(again, 200);
  expectProblem(refused, 403, 'username', '账户已被管理员锁定');
});

test('reset password of a user → 204 and the user must change it', async () => {
  expectStatus(await s.sys.post(`/api/v1/users/${s.user.id}/password`, { password: 'Neu#Passwort9' }), 204);
  const b = expectJson(await new Client(srv.url).login(GOOD.username, 'Neu#Passwort9'), 200);
  assert.equal(b.password_expired, true);
  expectProblem(await new Client(srv.url).login(GOOD.username, GOOD.password), 401, 'password');
});

test('qizhi user lock / unlock / passwd act on the account', async () => {
  const lock = srv.qizhi(['user', 'lock', 'leader']);
  assert.equal(lock.status, 0, lock.output);
  expectProblem(await new Client(srv.url).login('leader', DEMO_PASSWORD), 403, 'username', '账户已被管理员锁定');
  const unlock = srv.qizhi(['user', 'unlock', 'leader']);
  assert.equal(unlock.status, 0, unlock.output);
  expectJson(await new Client(srv.url).login('leader', DEMO_PASSWORD), 200);
  const pw = srv.qizhi(['user', 'passwd', 'leader'], { QIZHI_PASSWORD: 'Lingdao#Cli2026' });
  assert.equal(pw.status, 0, pw.output);
  expectProblem(await new Client(srv.url).login('leader', DEMO_PASSWORD), 401, 'password');
  expectJson(await new Client(srv.url).login('leader', 'Lingdao#Cli2026'), 200);
  const missing = srv.qizhi(['user', 'lock', 'no_such_user']);
  assert.notEqual(missing.status, 0, `locking an unknown user fails: ${missing.output}`);
});

test('malformed input: bad JSON → 400 problem; odd ids and search text never cause a 500', async () => {
  const bad = await s.sys.post('/api/v1/users', undefined, { rawBody: '{"username": "x",' });
  expectProblem(bad, 400);
  const notObject = await s.sys.post('/api/v1/users', ['zhang.san']);
  expectProblem(notObject, 400);
  const wrongType = await s.sys.post('/api/v1/users', { username: 123, name: ['张'], password: true });
  expectProblem(wrongType, 400, 'username');
  const login = await new Client(srv.url).login('admin', DEMO_PASSWORD, undefined, { rawBody: 'username=admin' });
  assert.ok([400, 401].includes(login.status), show(login));
  expectProblem(login, login.status);
  for (const id of ['abc', '99999999999999999999', '-1', '1.5']) {
    const r = await s.sys.patch(`/api/v1/users/${id}`, { name: '无此人' });
    assert.ok([400, 404].includes(r.status), show(r));
    expectProblem(r, r.status);
  }
  const inj = expectJson(await s.sys.get(`/api/v1/users?q=${encodeURIComponent("' OR 1=1 --")}`), 200);
  assert.equal(inj.total, 0);
  const pct = expectJson(await s.sys.get(`/api/v1/users?q=${encodeURIComponent('%')}`), 200);
  assert.equal(pct.total, 0, 'a % in the search text is a literal character, not a wildcard');
  const sortBad = await s.sys.get('/api/v1/users?sort=password_hash');
  assert.ok([200, 400].includes(sortBad.status), show(sortBad));
  if (sortBad.status === 400) expectProblem(sortBad, 400, 'sort');
});
