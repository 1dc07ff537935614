// The 建档立卡 registry (docs/health-api.md): households and persons, their rules, masking and
// audited reveals, history, optimistic versions, the village scope of outreach team members (the
// demo's `outreach` login serves 东林村, 明月村 and 麻杨村 only), roles without the permissions and
// tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { idNumber, withBadCheck, checkChar, todayShanghai, addDays } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const TOMORROW = addDays(TODAY, 1);
const DONGLIN = '500111103200';   // 东林村: in the outreach login's villages
const YONGHE = '500111103203';    // 永和村: another team's
const OUTREACH_VILLAGES = ['500111103200', '500111103201', '500111103202'];
const MASKED_ID = /^\d{3}\*{11}\d{3}[\dX]$/;
const B_PASSWORD = 'Registry#B2026';
// Region 500196: used by no other test and not by the demo.
let seq = 0;
const newId = (sex = '男', birth = '1968-04-09') => idNumber({ birth, sex, seq: ++seq, region: '500196' });
const auditCount = (action, type) => Number(srv.sql(`SELECT count(*) FROM audit_log WHERE action = '${action}' AND record_type = '${type}'`));

function householdBody(over = {}, head = {}) {
  return {
    village_code: DONGLIN, number: `T${Date.now() % 100000}${++seq}`, group_name: '3组', address: '中敖镇东林村3组18号',
    poverty_cause: '因病', status: '脱贫', status_since: '2019-12-20', registered_on: '2015-06-15', income_year: 2025, income_fen: 1250050,
    ...over,
    head: { name: '测试户主', id_number: newId('男'), phone: '13812345678', chronic: ['高血压'], ...head },
  };
}

test('setup: demo sessions', async () => {
  for (const n of ['admin', 'outreach', 'leader', 'auditor', 'secretary', 'member']) s[n] = await loginAs(srv.url, n, DEMO_PASSWORD);
});

test('list: the demo\'s 91 households, masked ID numbers and addresses, filters and paging', async () => {
  const all = expectJson(await s.admin.get('/api/v1/registry/households?size=200'), 200);
  assert.equal(all.total, 91);
  assert.equal(all.items.length, 91);
  for (const h of all.items) {
    assert.match(h.head_id_number, MASKED_ID, `masked head ID: ${JSON.stringify(h)}`);
    assert.ok(h.address === null || h.address.endsWith('****'), `masked address ${h.address}`);
    assert.ok(h.members >= 1);
    assert.ok(Number.isInteger(h.income_fen));
  }
  const page2 = expectJson(await s.admin.get('/api/v1/registry/households?size=20&page=2'), 200);
  assert.equal(page2.items.length, 20);
  assert.equal(page2.items[0].id, all.items[20].id, 'page 2 continues page 1 in the same order');
  const donglin = expectJson(await s.admin.get(`/api/v1/registry/households?village=${DONGLIN}&size=200`), 200);
  assert.equal(donglin.total, 9);
  assert.ok(donglin.items.every((h) => h.village_name === '东林村'));
  const town = expectJson(await s.admin.get('/api/v1/registry/households?town=500111103&size=1'), 200);
  assert.equal(town.total, 91);
  const monitored = expectJson(await s.admin.get(`/api/v1/registry/households?status=${encodeURIComponent('监测对象')}&size=200`), 200);
  assert.ok(monitored.items.every((h) => h.status === '监测对象' && h.monitor_kind));
  assert.equal(monitored.total, all.items.filter((h) => h.status === '监测对象').length);
  const chronic = expectJson(await s.admin.get('/api/v1/registry/households?has_chronic=1&size=200'), 200);
  assert.ok(chronic.total > 0 && chronic.total < 91);
  const byName = expectJson(await s.admin.get(`/api/v1/registry/households?q=${encodeURIComponent(all.items[0].head_name)}`), 200);
  assert.ok(byName.items.some((h) => h.id === all.items[0].id));
  const byNumber = expectJson(await s.admin.get(`/api/v1/registry/households?q=${all.items[5].number}`), 200);
  assert.deepEqual(byNumber.items.map((h) => h.id), [all.items[5].id]);
  expectProblem(await s.admin.get('/api/v1/registry/households?status=x'), 400, 'status');
  expectProblem(await s.admin.get('/api/v1/registry/households?sort=nope'), 400, 'sort');
  // The auditor of the superior committee reads them too.
  assert.equal(expectJson(await s.auditor.get('/api/v1/registry/households?size=1'), 200).total, 91);
});

test('the outreach login sees only its team\'s three villages; elsewhere is 404, registering elsewhere 403 on village_code', async () => {
  const mine = expectJson(await s.outreach.get('/api/v1/registry/households?size=200'), 200);
  assert.equal(mine.total, 9 + 8 + 7);
  assert.ok(mine.items.every((h) => OUTREACH_VILLAGES.includes(h.village_code)));
  const persons = expectJson(await s.outreach.get('/api/v1/registry/persons?size=200'), 200);
  assert.ok(persons.items.every((p) => OUTREACH_VILLAGES.includes(p.village_code)));
  const other = expectJson(await s.admin.get(`/api/v1/registry/households?village=${YONGHE}&size=1`), 200).items[0];
  expectProblem(await s.outreach.get(`/api/v1/registry/households/${other.id}`), 404);
  expectProblem(await s.outreach.get(`/api/v1/registry/persons/${other.head_person_id}`), 404);
  const detail = expectJson(await s.admin.get(`/api/v1/registry/households/${other.id}`), 200);
  expectProblem(await s.outreach.put(`/api/v1/registry/households/${other.id}`, { ...detail, note: '越界' }), 404);
  expectProblem(await s.outreach.post(`/api/v1/registry/households/${other.id}/persons`, { name: '越界', id_number: newId(), relation: '子' }), 404);
  const refused = expectProblem(await s.outreach.post('/api/v1/registry/households', householdBody({ village_code: YONGHE })), 403, 'village_code');
  assert.match(refused.message, /永和村/);
  expectJson(await s.outreach.post('/api/v1/registry/households', householdBody()), 201);
  // No pii, no export, no import for the outreach role.
  const own = mine.items[0];
  expectProblem(await s.outreach.get(`/api/v1/registry/persons/${own.head_person_id}/pii`), 403);
  expectProblem(await s.outreach.get('/api/v1/registry/persons/export'), 403);
});

test('roles without the registry permissions are refused: the branch secretary and a member get 403', async () => {
  for (const c of [s.secretary, s.member]) {
    expectProblem(await c.get('/api/v1/registry/households'), 403);
    expectProblem(await c.get('/api/v1/registry/persons'), 403);
    expectProblem(await c.post('/api/v1/registry/households', householdBody()), 403);
  }
  // The leader reads but does not write.
  expectJson(await s.leader.get('/api/v1/registry/households?size=1'), 200);
  expectProblem(await s.leader.post('/api/v1/registry/households', householdBody()), 403);
});

test('register a household with its 户主: 201, history and audit rows, masked personal data', async () => {
  const auditBefore = auditCount('create', 'household');
  const body = householdBody();
  const h = expectJson(await s.admin.post('/api/v1/registry/households', body), 201);
  assert.equal(h.village_name, '东林村');
  assert.equal(h.status, '脱贫');
  assert.equal(h.income_fen, 1250050);
  assert.equal(h.address, '中敖镇东林村****');
  assert.equal(h.persons.length, 1);
  const head = h.persons[0];
  assert.equal(head.relation, '户主');
  assert.equal(head.sex, '男');
  assert.equal(head.birth_date, '1968-04-09');
  assert.equal(head.id_number, body.head.id_number.slice(0, 3) + '*'.repeat(11) + body.head.id_number.slice(14));
  assert.equal(head.phone, '138****5678');
  assert.deepEqual(head.chronic, ['高血压']);
  assert.equal(h.head_person_id, head.id);
  assert.deepEqual(h.history.map((e) => e.kind).sort(), ['add_member', 'create']);
  assert.ok(!JSON.stringify(h.history).includes(body.head.id_number), 'no full ID number in the history');
  assert.equal(auditCount('create', 'household'), auditBefore + 1);
  s.h = h;
  s.headId = body.head.id_number;
});

test('every validation error, each naming its field in Chinese', async () => {
  const cases = [
    [{ village_code: '' }, {}, 'village_code'],
    [{ village_code: '500111103' }, {}, 'village_code'],
    [{ village_code: '500111103299' }, {}, 'village_code'],  // 12 digits, not a loaded village
    [{ poverty_cause: '懒' }, {}, 'poverty_cause'],
    [{ status: '返贫' }, {}, 'status'],
    [{ status_since: TOMORROW }, {}, 'status_since'],
    [{ status_since: '2015-06-14' }, {}, 'status_since'],
    [{ status: '监测对象' }, {}, 'monitor_kind'],
    [{ monitor_kind: '边缘易致贫户' }, {}, 'monitor_kind'],
    [{ income_fen: -1 }, {}, 'income_fen'],
    [{ income_fen: 12.5 }, {}, 'income_fen'],
    [{ registered_on: '2015-02-30' }, {}, 'registered_on'],
    [{}, { name: '' }, 'head.name'],
    [{}, { id_number: '' }, 'head.id_number'],
    [{}, { id_number: '500196680409001' }, 'head.id_number'],
    [{}, { id_number: withBadCheck(newId()) }, 'head.id_number'],
    [{}, { id_number: `50019620230229003${checkChar('50019620230229003')}` }, 'head.id_number'],  // no 29 Feb in 2023
    [{}, { id_number: idNumber({ birth: TOMORROW, seq: 3, region: '500196' }) }, 'head.id_number'],
    [{}, { sex: '女' }, 'head.sex'],
    [{}, { relation: '子' }, 'head.relation'],
    [{}, { phone: '12345' }, 'head.phone'],
    [{}, { chronic: ['痛风'] }, 'head.chronic'],
    [{}, { disability: '腿脚不便' }, 'head.disability'],
  ];
  for (const [over, head, field] of cases) {
    const res = await s.admin.post('/api/v1/registry/households', householdBody(over, head));
    expectProblem(res, 400, field);
  }
  const idErr = expectProblem(await s.admin.post('/api/v1/registry/households', householdBody({}, { id_number: withBadCheck(newId()) })), 400, 'head.id_number');
  assert.equal(idErr.message, '身份证号校验位错误');
  const fifteen = expectProblem(await s.admin.post('/api/v1/registry/households', householdBody({}, { id_number: '500196680409001' })), 400, 'head.id_number');
  assert.equal(fifteen.message, '身份证号应为 18 位');
  expectProblem(await s.admin.post('/api/v1/registry/households', { ...householdBody(), head: undefined }), 400, 'head');
});

test('a duplicate ID number is 409 naming the registered person; a duplicate 户编号 409 on number', async () => {
  const dup = expectProblem(await s.admin.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: '重复', id_number: s.headId, relation: '子' }), 409, 'id_number');
  assert.equal(dup.message, '该身份证号已登记：东林村 测试户主（户主）');
  const elsewhere = expectProblem(await s.admin.post('/api/v1/registry/households', householdBody({}, { id_number: s.headId })), 409, 'head.id_number');
  assert.match(elsewhere.message, /^该身份证号已登记：东林村 测试户主/);
  // A demo person: the message names the household's 户主.
  const demo = expectJson(await s.admin.get(`/api/v1/registry/households?village=${YONGHE}&size=1`), 200).items[0];
  const detail = expectJson(await s.admin.get(`/api/v1/registry/households/${demo.id}`), 200);
  const other = detail.persons.find((p) => p.relation !== '户主');
  if (other) {
    const full = expectJson(await s.admin.get(`/api/v1/registry/persons/${other.id}/pii`), 200).id_number;
    const e = expectProblem(await s.admin.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: '重复', id_number: full, relation: '子' }), 409, 'id_number');
    assert.equal(e.message, `该身份证号已登记：永和村 ${other.name}（户主：${detail.head_name}）`);
  }
  expectProblem(await s.admin.post('/api/v1/registry/households', householdBody({ number: s.h.number })), 409, 'number');
});

test('members: add with one 户主 only, edit, change of 户主, leave (the row stays); history of each', async () => {
  const wife = expectJson(await s.admin.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: '测试妻', id_number: newId('女', '1970-02-28'), relation: '妻', disability: '肢体三级' }), 201);
  assert.equal(wife.sex, '女');
  assert.equal(wife.disability, '肢体三级');
  const second = expectProblem(await s.admin.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: '第二户主', id_number: newId(), relation: '户主' }), 400, 'relation');
  assert.equal(second.message, '该户已有户主：测试户主，每户只能有一名户主');
  const baby = expectJson(await s.admin.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: '测试孙', id_number: idNumber({ birth: TODAY, sex: '男', seq: 77, region: '500196' }), relation: '孙子女', joined_on: TODAY }), 201);
  assert.equal(baby.joined_on, TODAY);
  // Edit: the ID number and phone left out stay as stored.
  const edited = expectJson(await s.admin.put(`/api/v1/registry/persons/${wife.id}`, { name: '测试妻', relation: '妻', chronic: '高血压，2型糖尿病', version: wife.version }), 200);
  assert.deepEqual(edited.chronic, ['高血压', '2型糖尿病']);
  assert.equal(edited.id_number, wife.id_number);
  expectProblem(await s.admin.put(`/api/v1/registry/persons/${wife.id}`, { name: '过期', relation: '妻', version: wife.version }), 409, 'version');
  // The 户主 cannot stop being one without a successor, nor leave while others remain.
  const head = s.h.persons[0];
  expectProblem(await s.admin.put(`/api/v1/registry/persons/${head.id}`, { name: '测试户主', relation: '父母', version: head.version }), 400, 'relation');
  expectProblem(await s.admin.post(`/api/v1/registry/persons/${head.id}/leave`, { left_on: TODAY, left_reason: '死亡', version: head.version }), 400, 'id');
  // Making the wife 户主 demotes the husband in the same change.
  const newHead = expectJson(await s.admin.put(`/api/v1/registry/persons/${wife.id}`, { name: '测试妻', relation: '户主', former_head_relation: '夫', version: edited.version }), 200);
  assert.equal(newHead.relation, '户主');
  let d = expectJson(await s.admin.get(`/api/v1/registry/households/${s.h.id}`), 200);
  assert.equal(d.head_person_id, wife.id);
  assert.equal(d.persons.find((p) => p.id === head.id).relation, '夫');
  // Leaving: the husband dies; the row stays, no longer current.
  const husband = d.persons.find((p) => p.id === head.id);
  expectProblem(await s.admin.post(`/api/v1/registry/persons/${head.id}/leave`, { left_on: TOMORROW, left_reason: '死亡', version: husband.version }), 400, 'left_on');
  expectProblem(await s.admin.post(`/api/v1/registry/persons/${head.id}/leave`, { left_on: TODAY, left_reason: '失联', version: husband.version }), 400, 'left_reason');
  const left = expectJson(await s.admin.post(`/api/v1/registry/persons/${head.id}/leave`, { left_on: TODAY, left_reason: '死亡', version: husband.version }), 200);
  assert.equal(left.current, false);
  assert.equal(left.left_reason, '死亡');
  expectProblem(await s.admin.post(`/api/v1/registry/persons/${head.id}/leave`, { left_on: TODAY, left_reason: '死亡', version: left.version }), 409);
  expectProblem(await s.admin.put(`/api/v1/registry/persons/${head.id}`, { name: 'x', relation: '夫', version: left.version }), 409);
  d = expectJson(await s.admin.get(`/api/v1/registry/households/${s.h.id}`), 200);
  assert.equal(d.members, 2, 'the wife and the grandson');
  assert.equal(d.persons.length, 3, 'the one who left is still listed');
  const kinds = d.history.map((e) => `${e.entity}:${e.kind}`);
  for (const k of ['household:create', 'person:add_member', 'person:update', 'person:leave']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
  const chronicChange = d.history.find((e) => e.kind === 'update' && e.after && e.after.chronic);
  assert.deepEqual([chronicChange.before.chronic, chronicChange.after.chronic], [null, '高血压,2型糖尿病']);
  assert.equal(d.history.find((e) => e.kind === 'leave').note, '死亡');
  const listed = expectJson(await s.admin.get(`/api/v1/registry/persons?q=${encodeURIComponent('测试')}&size=200`), 200);
  assert.ok(!listed.items.some((p) => p.id === head.id), 'the person who left is not in the current list');
  const withLeft = expectJson(await s.admin.get(`/api/v1/registry/persons?q=${encodeURIComponent('测试')}&include_left=1&size=200`), 200);
  assert.ok(withLeft.items.some((p) => p.id === head.id));
  const byId = expectJson(await s.admin.get(`/api/v1/registry/persons?q=${s.headId}&include_left=1`), 200);
  assert.deepEqual(byId.items.map((p) => p.id), [head.id], 'a full ID number finds the person by blind index');
});

test('edit the household with its version: stale 409, a status change in the history with before and after', async () => {
  const d = expectJson(await s.admin.get(`/api/v1/registry/households/${s.h.id}`), 200);
  const body = { village_code: DONGLIN, number: d.number, poverty_cause: '因病', status: '监测对象', monitor_kind: '突发严重困难户', status_since: TODAY, registered_on: '2015-06-15', income_year: 2025, income_fen: 980000, version: d.version };
  const u = expectJson(await s.admin.put(`/api/v1/registry/households/${s.h.id}`, body), 200);
  assert.equal(u.status, '监测对象');
  assert.equal(u.version, d.version + 1);
  assert.equal(u.address, d.address, 'the address left out stays');
  expectProblem(await s.admin.put(`/api/v1/registry/households/${s.h.id}`, body), 409, 'version');
  const status = u.history.find((e) => e.kind === 'status');
  assert.deepEqual(status.before.status, '脱贫');
  assert.deepEqual(status.after.status, '监测对象');
  assert.equal(status.after.income_fen, 980000);
  assert.equal(status.changed_by, expectJson(await s.admin.get('/api/v1/me'), 200).user.name);
  expectProblem(await s.admin.put(`/api/v1/registry/households/${s.h.id}`, { ...body, version: u.version, village_code: YONGHE.slice(0, 9) }), 400, 'village_code');
  s.h = u;
});

test('reveal: full ID number, phone and address only with health:registry:pii, each read audited', async () => {
  const person = s.h.persons.find((p) => p.relation === '户主');
  const before = auditCount('read_pii', 'person');
  const full = expectJson(await s.admin.get(`/api/v1/registry/persons/${person.id}/pii`), 200);
  assert.match(full.id_number, /^\d{17}[\dX]$/);
  assert.equal(auditCount('read_pii', 'person'), before + 1);
  const row = srv.rows(`SELECT user_id, record_id FROM audit_log WHERE action = 'read_pii' AND record_type = 'person' ORDER BY seq DESC LIMIT 1`)[0];
  assert.equal(String(row[1]), String(person.id), 'whose');
  const addrBefore = auditCount('read_pii', 'household');
  assert.equal(expectJson(await s.admin.get(`/api/v1/registry/households/${s.h.id}/pii`), 200).address, '中敖镇东林村3组18号');
  assert.equal(auditCount('read_pii', 'household'), addrBefore + 1);
  for (const c of [s.leader, s.auditor, s.outreach]) {
    expectProblem(await c.get(`/api/v1/registry/persons/${person.id}/pii`), 403);
    expectProblem(await c.get(`/api/v1/registry/households/${s.h.id}/pii`), 403);
  }
  assert.equal(auditCount('read_pii', 'person'), before + 1, 'refused reads reveal nothing');
  // No list or detail carries a full ID number or phone.
  const detail = await s.admin.get(`/api/v1/registry/households/${s.h.id}`);
  assert.ok(!JSON.stringify(detail.body).includes(full.id_number));
  const list = await s.admin.get('/api/v1/registry/persons?size=200');
  assert.ok(!/\d{17}[\dX]/.test(JSON.stringify(list.body.items.map((p) => p.id_number))));
});

test('export: masked .xlsx for admin, full=1 audited; full=1 refused without pii', async () => {
  const res = await fetch(`${srv.url}/api/v1/registry/persons/export?village=${DONGLIN}`, { headers: { cookie: s.admin.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const before = auditCount('export_pii', 'person');
  const full = await fetch(`${srv.url}/api/v1/registry/persons/export?full=1&village=${DONGLIN}`, { headers: { cookie: s.admin.cookieHeader() } });
  assert.equal(full.status, 200);
  assert.equal(auditCount('export_pii', 'person'), before + 1);
  expectProblem(await s.leader.get('/api/v1/registry/persons/export'), 403);
});

test('close (销户) with a reason: the row stays, writes are refused afterwards', async () => {
  const h = expectJson(await s.admin.post('/api/v1/registry/households', householdBody()), 201);
  expectProblem(await s.admin.post(`/api/v1/registry/households/${h.id}/close`, { closed_on: TODAY, reason: '', version: h.version }), 400, 'reason');
  expectProblem(await s.admin.post(`/api/v1/registry/households/${h.id}/close`, { closed_on: TOMORROW, reason: '全户迁出', version: h.version }), 400, 'closed_on');
  const closed = expectJson(await s.admin.post(`/api/v1/registry/households/${h.id}/close`, { closed_on: TODAY, reason: '全户迁出', version: h.version }), 200);
  assert.equal(closed.state, 'closed');
  assert.equal(closed.closed_reason, '全户迁出');
  expectProblem(await s.admin.post(`/api/v1/registry/households/${h.id}/persons`, { name: '迟到', id_number: newId(), relation: '子' }), 409);
  expectProblem(await s.admin.put(`/api/v1/registry/households/${h.id}`, { ...householdBody(), version: closed.version }), 409);
  const active = expectJson(await s.admin.get('/api/v1/registry/households?size=200'), 200).items;
  assert.ok(!active.some((x) => x.id === h.id), 'closed households leave the default list');
  const closedList = expectJson(await s.admin.get('/api/v1/registry/households?state=closed'), 200).items;
  assert.ok(closedList.some((x) => x.id === h.id));
});

test('tenant isolation: another hospital sees none of these households, reads and writes them as 404', async () => {
  const tenants = srv.rows(`SELECT id, name FROM tenants WHERE kind = 'hospital' ORDER BY id`);
  const other = tenants.find(([, name]) => name !== '大足区人民医院');
  const r = srv.qizhi(['user', 'add', 'reg.b.admin', '--name', '乙院党办', '--tenant', String(other[0]), '--role', 'admin'], { QIZHI_PASSWORD: B_PASSWORD });
  assert.equal(r.status, 0, r.output);
  const b = await loginAs(srv.url, 'reg.b.admin', B_PASSWORD);
  assert.equal(expectJson(await b.get('/api/v1/registry/households'), 200).total, 0);
  assert.equal(expectJson(await b.get('/api/v1/registry/persons'), 200).total, 0);
  expectProblem(await b.get(`/api/v1/registry/households/${s.h.id}`), 404);
  expectProblem(await b.get(`/api/v1/registry/persons/${s.h.head_person_id}`), 404);
  expectProblem(await b.get(`/api/v1/registry/persons/${s.h.head_person_id}/pii`), 404);
  expectProblem(await b.put(`/api/v1/registry/households/${s.h.id}`, { ...householdBody(), version: s.h.version }), 404);
  expectProblem(await b.post(`/api/v1/registry/households/${s.h.id}/persons`, { name: 'x', id_number: newId(), relation: '子' }), 404);
  // The same person may be registered by another hospital: ID numbers are unique per tenant.
  const own = expectJson(await b.post('/api/v1/registry/households', householdBody({}, { id_number: s.headId })), 201);
  assert.equal(own.persons.length, 1, show({ status: 201, body: own }));
});
