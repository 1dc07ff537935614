// Member development (发展党员, docs/openapi.yaml tag "development"): the candidate list and its
// filters, adding and editing a person, recording the 25 steps with the rules of
// party/development/rules.hpp (a reason demanded, a hard refusal), corrections and voids that keep
// the old version, the conversion to 预备/正式 visible in /api/v1/members, the office's violation
// and due lists, the demo data, the figures equal to their lists, and who may do what (the branch
// secretary refused outside their branch, tenant isolation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { idNumber, withBadCheck, todayShanghai, addDays, addYears } from './lib/idnumber.mjs';

const srv = useServer();
const s = {};
const DAZU = '大足区人民医院';
const JB = '重庆市红十字会医院（江北区人民医院）';
const TODAY = todayShanghai();
const enc = encodeURIComponent;
const MASKED_ID = /^\d{3}\*{11}\d{3}[\dX]$/;
const FULL_ID = /\d{17}[\dX]/;
const BASE = '/api/v1/development/candidates';

// Month arithmetic as the server's AddMonths: clamps to the month's last day.
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

let seq = 0;
function person(unit_id, over = {}) {
  seq += 1;
  const sex = over.sex || (seq % 2 ? '男' : '女');
  const birth = over.birth || `${1990 + (seq % 8)}-0${1 + (seq % 9)}-1${seq % 9}`;
  const b = {
    unit_id, name: `发展${seq}号`, sex, id_number: idNumber({ birth, sex, seq: 300 + seq, region: '500196' }), ethnicity: '汉族',
    education: '大学本科', category: '在岗职工', job: '护师', phone: `137${String(20000000 + seq * 7919).slice(-8)}`,
  };
  delete over.birth;
  return { ...b, ...over };
}
async function addPerson(c, unit_id, over) {
  return expectJson(await c.post(BASE, person(unit_id, over)), 201);
}
async function record(c, id, body, status = 201) {
  return expectJson(await c.post(`${BASE}/${id}/records`, body), status);
}
async function total(c, qs) {
  return expectJson(await c.get(`${BASE}?size=1${qs ? `&${qs}` : ''}`), 200).total;
}
function find(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && u.tenant_name === tenantName);
  assert.equal(found.length, 1, `one unit ${name} in ${tenantName}`);
  return found[0];
}

test('setup: sessions, branches and 正式/预备 members of the demo', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.root = s.tree.find((u) => u.parent_id === null);
  s.branches = s.tree.filter((u) => u.kind === 'branch');
  s.branch = s.branches[0];
  s.jbNeike = find(s.all, '内科党支部', JB);
  s.jbWaike = find(s.all, '外科党支部', JB);
  s.jbRoot = s.all.find((u) => u.tenant_name === JB && u.parent_id === null);
  // Long-standing 正式党员 of 大足 (联系人, 介绍人) and a 预备 one.
  const full = expectJson(await s.admin.get('/api/v1/members?status=' + enc('正式') + '&sort=joined_on&size=3'), 200).items;
  assert.equal(full.length, 3);
  assert.ok(full.every((m) => m.full_on < '2015-01-01'), 'full members since before 2015');
  s.full = full;
  s.probationer = expectJson(await s.admin.get('/api/v1/members?status=' + enc('预备') + '&size=1'), 200).items[0];
  assert.ok(s.probationer, 'a 预备 member in 大足');
});

test('demo: 江北 内科党支部 has exactly 2 发展对象 (seed 002); every stage and role is present; masked ID numbers', async () => {
  assert.equal(await total(s.secretary, `role=${enc('发展对象')}`), 2);
  assert.equal(await total(s.auditor, `org=${s.jbNeike.id}&role=${enc('发展对象')}`), 2);
  const d = expectJson(await s.admin.get(`${BASE}?size=200`), 200);
  assert.ok(d.total >= 15, `大足 has its demo people: ${d.total}`);
  for (const r of ['申请人', '积极分子', '发展对象', '预备党员']) assert.ok(d.items.some((c) => c.role === r), `a ${r} in 大足`);
  for (const st of [1, 2, 3, 4]) assert.ok(d.items.some((c) => c.stage === st), `stage ${st} in 大足`);
  for (const c of d.items) {
    assert.match(c.id_number, MASKED_ID);
    assert.equal(c.tenant_id, s.root.tenant_id);
  }
  assert.ok(!FULL_ID.test(JSON.stringify(d)), 'no full ID number in the list');
  // The demo keeps the rules except where it says why.
  const open = expectJson(await s.admin.get('/api/v1/development/violations?state=open&size=200'), 200);
  assert.equal(open.total, 0, `no unexplained violation in the demo: ${JSON.stringify(open.items.slice(0, 3))}`);
  const openAll = expectJson(await s.auditor.get('/api/v1/development/violations?state=open&size=200'), 200);
  assert.equal(openAll.total, 0, `none in 江北 either: ${JSON.stringify(openAll.items.slice(0, 3))}`);
  const explained = expectJson(await s.admin.get('/api/v1/development/violations?state=explained&size=200'), 200);
  assert.ok(explained.items.some((v) => v.code === 'talk_late' && v.reason), 'the talk late, with its reason');
  // Due: overdue first, a 预备期 ending.
  const due = expectJson(await s.admin.get('/api/v1/development/due?size=200'), 200);
  assert.ok(due.items.some((x) => x.overdue), 'something overdue');
  assert.ok(due.items.some((x) => x.step === 22 || x.step === 23), 'a 预备期 ending');
  const firstNotOverdue = due.items.findIndex((x) => !x.overdue);
  assert.ok(firstNotOverdue < 0 || due.items.slice(firstNotOverdue).every((x) => !x.overdue), 'overdue first');
  // The 预备党员 of the demo are the roster's own 预备 members.
  const prob = expectJson(await s.admin.get(`${BASE}?role=${enc('预备党员')}&size=50`), 200).items;
  for (const c of prob) {
    assert.ok(c.member_id, `${c.name} is on the roster`);
    const m = expectJson(await s.admin.get(`/api/v1/members/${c.member_id}`), 200);
    assert.equal(m.status, '预备');
    assert.equal(m.joined_on, c.probation_on, 'joined on the day of the branch vote');
  }
  assert.equal(expectJson(await s.admin.get('/api/v1/members?size=1'), 200).total, 430, 'the roster keeps its 430 members');
});

test('list: filters (stage, role, violations, overdue, q by name and by ID number) and their errors', async () => {
  const all = await total(s.admin);
  let sum = 0;
  for (const st of [1, 2, 3, 4, 5]) sum += await total(s.admin, `stage=${st}`);
  assert.equal(sum, all, 'every person recorded is in one stage');
  const overdue = expectJson(await s.admin.get(`${BASE}?overdue=1&size=200`), 200).items;
  assert.ok(overdue.length > 0 && overdue.every((c) => c.overdue && c.next_due_on < TODAY));
  const withV = expectJson(await s.admin.get(`${BASE}?violations=any&size=200`), 200).items;
  assert.ok(withV.length > 0 && withV.every((c) => c.violations > 0));
  assert.equal(await total(s.admin, 'violations=open'), 0);
  const one = expectJson(await s.admin.get(`${BASE}?size=1`), 200).items[0];
  assert.equal(expectJson(await s.admin.get(`${BASE}?q=${enc(one.name)}`), 200).items[0].id, one.id);
  const c = await addPerson(s.admin, s.branch.id, { name: '身份证查找' });
  const body = person(s.branch.id);
  const p = await addPerson(s.admin, s.branch.id, { ...body, name: '按号查找' });
  const byId = expectJson(await s.admin.get(`${BASE}?q=${body.id_number}`), 200);
  assert.deepEqual(byId.items.map((x) => x.id), [p.id]);
  assert.ok(c.id);
  for (const [q, field] of [['stage=6', 'stage'], ['role=x', 'role'], ['became=x', 'became'], ['from=2024-13-01', 'from'],
    ['to=x', 'to'], ['from=2024-02-01&to=2024-01-01', 'to'], ['violations=x', 'violations'], ['overdue=2', 'overdue'], ['org=abc', 'org'],
    ['sort=bogus', 'sort'], [`q=${withBadCheck(body.id_number)}`, 'q']]) {
    expectProblem(await s.admin.get(`${BASE}?${q}`), 400, field);
  }
  expectProblem(await s.admin.get(`${BASE}?org=${s.jbNeike.id}`), 404, 'org');
});

test('POST candidates: created with masked personal data; every field error; unit refused; duplicates 409', async () => {
  const b = person(s.branch.id, { name: '新申请人' });
  const c = expectJson(await s.admin.post(BASE, b), 201);
  assert.equal(c.name, '新申请人');
  assert.equal(c.unit_id, s.branch.id);
  assert.match(c.id_number, MASKED_ID);
  assert.match(c.phone, /^1\d{2}\*{4}\d{4}$/);
  assert.equal(c.role, null);
  assert.equal(c.stage, 0);
  assert.deepEqual(c.records, []);
  assert.equal(c.birth_date, `${b.id_number.slice(6, 10)}-${b.id_number.slice(10, 12)}-${b.id_number.slice(12, 14)}`);
  const audit = srv.rows(`SELECT action, after_json FROM audit_log WHERE record_type = 'candidate' AND record_id = '${c.id}'`);
  assert.equal(audit.length, 1);
  assert.ok(!FULL_ID.test(audit[0][1]), 'the audit row holds the masked ID number');

  const bad = expectProblem(await s.admin.post(BASE, { ...person(s.branch.id), name: '', id_number: withBadCheck(b.id_number), education: '博士后', phone: '123' }), 400);
  for (const f of ['name', 'id_number', 'education', 'phone']) assert.ok(bad.errors.some((e) => e.field === f), `error on ${f}: ${JSON.stringify(bad.errors)}`);
  expectProblem(await s.admin.post(BASE, person(s.branch.id, { sex: '女', id_number: idNumber({ birth: '1995-01-01', sex: '男', seq: 901, region: '500196' }) })), 400, 'sex');
  expectProblem(await s.admin.post(BASE, person(s.branch.id, { recommended_by_league: true })), 400, 'recommended_by_league');
  expectProblem(await s.admin.post(BASE, person(s.branch.id, { is_youth_league_member: 'yes' })), 400, 'is_youth_league_member');
  expectProblem(await s.admin.post(BASE, person(undefined)), 400, 'unit_id');
  expectProblem(await s.admin.post(BASE, person(s.root.id)), 400, 'unit_id');
  expectProblem(await s.admin.post(BASE, person(s.jbNeike.id)), 400, 'unit_id');
  expectProblem(await s.admin.post(BASE, { ...person(s.branch.id), id_number: b.id_number }), 409, 'id_number');
  // Already a member: decrypted on the roster only through the audited read, so add one here.
  const mBody = { ...person(s.branch.id), status: '正式', joined_on: '2015-07-01', full_on: '2016-07-01' };
  expectJson(await s.admin.post('/api/v1/members', mBody), 201);
  const dup = expectProblem(await s.admin.post(BASE, { ...person(s.branch.id), id_number: mBody.id_number, sex: mBody.sex }), 409, 'id_number');
  assert.match(dup.message, /已是党员/);
  expectProblem(await s.admin.post(BASE, person(s.branch.id), { csrf: null }), 403);
  expectProblem(await s.leader.post(BASE, person(s.branch.id)), 403);
  expectProblem(await s.member.get(BASE), 403);
});

test('PUT candidates: edits keep the ID number when left out; stale version 409; unknown 404', async () => {
  const c = await addPerson(s.admin, s.branch.id, { name: '待修改' });
  const up = expectJson(await s.admin.put(`${BASE}/${c.id}`, { name: '已修改', sex: c.sex, ethnicity: '汉族', education: '研究生', category: '在岗职工', version: c.version }), 200);
  assert.equal(up.name, '已修改');
  assert.equal(up.education, '研究生');
  assert.equal(up.id_number, c.id_number);
  assert.equal(up.phone, c.phone);
  assert.equal(up.version, c.version + 1);
  expectProblem(await s.admin.put(`${BASE}/${c.id}`, { name: '再改', sex: c.sex, ethnicity: '汉族', education: '研究生', category: '在岗职工', version: c.version }), 409, 'version');
  expectProblem(await s.admin.put(`${BASE}/${c.id}`, { name: '再改', sex: c.sex, ethnicity: '汉族', education: '研究生', category: '在岗职工' }), 400, 'version');
  expectProblem(await s.admin.put(`${BASE}/${c.id}`, { name: '再改', sex: c.sex, ethnicity: '汉族', education: '研究生', category: '在岗职工', version: up.version, unit_id: s.root.id }), 400, 'unit_id');
  expectProblem(await s.admin.put(`${BASE}/999999`, { name: '再改', version: 1 }), 404);
  expectProblem(await s.admin.get(`${BASE}/999999`), 404);
});

test('records: a talk late needs a reason (400 on reason with the rule), then stands explained and is listed', async () => {
  const c = await addPerson(s.admin, s.branch.id, { name: '谈话超期' });
  const applied = addMonths(TODAY, -3);
  let d = await record(s.admin, c.id, { step: 1, date: applied, documents: ['入党申请书'] });
  assert.equal(d.role, '申请人');
  assert.equal(d.applied_on, applied);
  assert.equal(d.next_due[0].step, 2);
  assert.equal(d.next_due[0].due_on, addMonths(applied, 1));
  assert.equal(d.next_due[0].overdue, true);
  const late = addDays(addMonths(applied, 1), 1);
  const e = expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 2, date: late, people: [{ member_id: s.full[0].id }] }), 400, 'reason');
  assert.match(e.message, /一个月|谈话/);
  d = await record(s.admin, c.id, { step: 2, date: late, people: [{ member_id: s.full[0].id }], reason: '申请人外出进修' });
  const rec = d.records.find((r) => r.step === 2);
  assert.equal(rec.people[0].name, s.full[0].name);
  assert.equal(rec.people[0].is_full_member, true);
  assert.equal(rec.violations.length, 1);
  assert.equal(rec.violations[0].code, 'talk_late');
  assert.equal(rec.violations[0].explained, true);
  assert.equal(d.violations.length, 1);
  assert.equal(d.open_violations, 0);
  const listed = expectJson(await s.admin.get('/api/v1/development/violations?state=explained&code=talk_late&size=200'), 200).items;
  assert.ok(listed.some((v) => v.candidate_id === c.id && v.reason === '申请人外出进修' && v.date === late));
  // Exactly one month is in time: no reason needed.
  const c2 = await addPerson(s.admin, s.branch.id);
  await record(s.admin, c2.id, { step: 1, date: applied });
  const ok = await record(s.admin, c2.id, { step: 2, date: addMonths(applied, 1) });
  assert.equal(ok.violations.length, 0);
  // Out of order: step 3 before step 2's date needs a reason; a missing step 2 too.
  const c3 = await addPerson(s.admin, s.branch.id);
  await record(s.admin, c3.id, { step: 1, date: applied });
  expectProblem(await s.admin.post(`${BASE}/${c3.id}/records`, { step: 3, date: addDays(applied, 40) }), 400, 'reason');
});

test('records: rules no reason excuses are refused on their field', async () => {
  // Under 18 on the application date.
  const young = await addPerson(s.admin, s.branch.id, { birth: addDays(addYears(TODAY, -18), 1) });
  expectProblem(await s.admin.post(`${BASE}/${young.id}/records`, { step: 1, date: TODAY, reason: '想提前' }), 400, 'birth_date');
  const ok18 = await addPerson(s.admin, s.branch.id, { birth: addYears(TODAY, -18) });
  await record(s.admin, ok18.id, { step: 1, date: TODAY });

  const c = await addPerson(s.admin, s.branch.id);
  const a = addMonths(TODAY, -14);
  await record(s.admin, c.id, { step: 1, date: addMonths(a, -3) });
  await record(s.admin, c.id, { step: 2, date: addDays(addMonths(a, -3), 10) });
  await record(s.admin, c.id, { step: 3, date: a });
  await record(s.admin, c.id, { step: 4, date: addDays(a, 5) });
  // 培养联系人 must be 正式党员 on the date: a 预备 member is refused; three are too many.
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 5, date: addDays(a, 5), people: [{ member_id: s.probationer.id }], reason: 'x' }), 400, 'people');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 5, date: addDays(a, 5), people: s.full.map((m) => ({ member_id: m.id })) }), 400, 'people');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 5, date: addDays(a, 5), people: [{ member_id: 99999999 }] }), 400, 'people');
  await record(s.admin, c.id, { step: 5, date: addDays(a, 5), people: [{ member_id: s.full[0].id }, { member_id: s.full[1].id }] });
  await record(s.admin, c.id, { step: 6, date: addMonths(a, 5), conclusion: '表现良好' });
  await record(s.admin, c.id, { step: 6, date: addMonths(a, 10), conclusion: '表现良好' });
  // 发展对象 less than a year after becoming 积极分子: refused whatever the reason.
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 7, date: addDays(addYears(a, 1), -1), reason: '急需' }), 400, 'date');
  const d = await record(s.admin, c.id, { step: 7, date: addYears(a, 1) });
  assert.equal(d.role, '发展对象');
  assert.equal(d.stage, 3);

  // Input errors.
  for (const [body, field] of [[{ date: TODAY }, 'step'], [{ step: 26, date: TODAY }, 'step'], [{ step: 8 }, 'date'],
    [{ step: 8, date: '2024-02-30' }, 'date'], [{ step: 8, date: addDays(TODAY, 1) }, 'date'], [{ step: 8, date: TODAY, documents: 'x' }, 'documents'],
    [{ step: 8, date: TODAY, people: 'x' }, 'people'], [{ step: 11, date: TODAY, training_days: -1 }, 'training_days'],
    [{ step: 8, date: TODAY, unit_id: 'x' }, 'unit_id'], [{ step: 8, date: TODAY, unit_id: s.jbNeike.id }, 'unit_id']]) {
    expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, body), 400, field);
  }
  expectProblem(await s.admin.post(`${BASE}/999999/records`, { step: 1, date: TODAY }), 404);
});

test('the whole path: step 17 puts the person on the roster as 预备, an extension moves the 预备期, step 24 makes them 正式', async () => {
  const c = await addPerson(s.admin, s.branch.id, { name: '全程发展' });
  const a = addMonths(TODAY, -40);
  const o = addMonths(a, 13);
  const review = addMonths(o, 3);
  const vote = addDays(review, 24);
  const approved = addMonths(vote, 1);
  const end = addMonths(vote, 12);
  const steps = [
    { step: 1, date: addMonths(a, -3) }, { step: 2, date: addDays(addMonths(a, -3), 20), people: [{ member_id: s.full[0].id }] },
    { step: 3, date: a }, { step: 4, date: addDays(a, 7) }, { step: 5, date: addDays(a, 7), people: [{ member_id: s.full[0].id }] },
    { step: 6, date: addMonths(a, 5) }, { step: 6, date: addMonths(a, 10) }, { step: 7, date: o }, { step: 8, date: addDays(o, 7) },
    { step: 9, date: addDays(o, 10), people: [{ member_id: s.full[1].id }, { member_id: s.full[2].id }] },
    { step: 10, date: addMonths(o, 1), conclusion: '政治历史清楚' }, { step: 11, date: addMonths(o, 2), training_days: 3 },
    { step: 12, date: review }, { step: 13, date: addDays(review, 10) }, { step: 14, date: addDays(review, 17), documents: ['入党志愿书'] },
  ];
  for (const b of steps) await record(s.admin, c.id, b);
  // The branch vote: more than half of the voting members must attend and vote in favour.
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 15, date: vote, voting: 20, present: 10, in_favour: 10 }), 400, 'present');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 15, date: vote, voting: 20, present: 15, in_favour: 10 }), 400, 'in_favour');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 15, date: vote }), 400, 'voting');
  let d = await record(s.admin, c.id, { step: 15, date: vote, voting: 20, present: 16, in_favour: 15 });
  assert.equal(d.role, '发展对象', 'not yet approved');
  assert.equal(d.member_id, null);
  assert.equal(d.probation.starts_on, vote);
  assert.equal(d.probation.ends_on, end);
  await record(s.admin, c.id, { step: 16, date: addDays(vote, 14), people: [{ name: '院党委组织委员' }] });
  const before = expectJson(await s.admin.get('/api/v1/members?size=1'), 200).total;
  d = await record(s.admin, c.id, { step: 17, date: approved, conclusion: '批准' });
  assert.equal(d.role, '预备党员');
  assert.equal(d.probation_on, vote);
  assert.ok(d.member_id, 'on the roster');
  const after = expectJson(await s.admin.get('/api/v1/members?size=1'), 200).total;
  assert.equal(after, before + 1);
  let m = expectJson(await s.admin.get(`/api/v1/members/${d.member_id}`), 200);
  assert.equal(m.name, '全程发展');
  assert.equal(m.status, '预备');
  assert.equal(m.joined_on, vote);
  assert.equal(m.unit_id, s.branch.id);
  assert.equal(m.units[0].started_on, vote);
  assert.equal(m.id_number, c.id_number);
  const pii = expectJson(await s.admin.get(`/api/v1/members/${d.member_id}/pii`), 200);
  assert.match(pii.id_number, FULL_ID, 'the roster copy decrypts');
  assert.ok(expectJson(await s.admin.get(`/api/v1/members?status=${enc('预备')}&q=${enc('全程发展')}`), 200).total === 1);
  const memberAudit = srv.rows(`SELECT action FROM audit_log WHERE record_type = 'member' AND record_id = '${d.member_id}' AND action <> 'read_pii'`);
  assert.deepEqual(memberAudit.map((r) => r[0]), ['create']);
  // The approval cannot be voided once on the roster.
  const r17 = d.records.find((r) => r.step === 17);
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/${r17.id}`, { void: true, change_reason: '误录', version: r17.version }), 409, 'void');

  for (const b of [{ step: 18, date: addDays(approved, 7) }, { step: 19, date: addDays(approved, 10) }, { step: 20, date: addDays(approved, 15) },
    { step: 21, date: addMonths(approved, 4) }, { step: 22, date: addDays(end, -10) }]) await record(s.admin, c.id, b);
  // The conversion vote cannot come before the 预备期 ends; an extension needs a reason and 6-12 months.
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 23, date: addDays(end, -1), voting: 20, present: 16, in_favour: 15 }), 400, 'date');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 23, date: addDays(end, 5), voting: 20, present: 16, in_favour: 15, extension_months: 6 }), 400, 'reason');
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 23, date: addDays(end, 5), voting: 20, present: 16, in_favour: 15, extension_months: 3, reason: '考察' }), 400, 'extension_months');
  d = await record(s.admin, c.id, { step: 23, date: addDays(end, 5), voting: 20, present: 16, in_favour: 15, extension_months: 6, reason: '需继续考察' });
  const extEnd = addMonths(vote, 18);
  assert.equal(d.probation.ends_on, extEnd);
  assert.equal(d.probation.extension_months, 6);
  assert.equal(d.role, '预备党员');
  m = expectJson(await s.admin.get(`/api/v1/members/${d.member_id}`), 200);
  assert.equal(m.status, '预备', 'still 预备 after the extension');
  assert.ok(m.status_history.some((h) => h.status === '预备' && /延长预备期 6 个月/.test(h.note || '') && h.note.includes(extEnd)), JSON.stringify(m.status_history));
  // Approval of the conversion before the extended 预备期 ends is refused.
  expectProblem(await s.admin.post(`${BASE}/${c.id}/records`, { step: 24, date: addDays(extEnd, -1) }), 400, 'date');
  await record(s.admin, c.id, { step: 23, date: addDays(extEnd, 3), voting: 20, present: 18, in_favour: 18 });
  const fullOn = addMonths(extEnd, 1);
  d = await record(s.admin, c.id, { step: 24, date: fullOn, conclusion: '同意按期转正' });
  assert.equal(d.role, '正式党员');
  assert.equal(d.full_on, fullOn);
  assert.equal(d.stage, 5);
  m = expectJson(await s.admin.get(`/api/v1/members/${d.member_id}`), 200);
  assert.equal(m.status, '正式');
  assert.equal(m.full_on, fullOn);
  assert.ok(m.status_history.some((h) => h.status === '正式' && h.since === fullOn));
  assert.equal(expectJson(await s.admin.get(`/api/v1/members?status=${enc('正式')}&q=${enc('全程发展')}`), 200).total, 1);
  assert.equal(d.violations.length, 0, JSON.stringify(d.violations));
  assert.deepEqual(d.next_due, []);

  // A correction of the conversion date moves full_on on the roster; the old version is kept.
  const r24 = d.records.find((r) => r.step === 24);
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/${r24.id}`, { step: 24, date: addDays(fullOn, 2), version: r24.version }), 400, 'change_reason');
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/${r24.id}`, { step: 23, date: addDays(fullOn, 2), change_reason: 'x', version: r24.version }), 400, 'step');
  d = expectJson(await s.admin.put(`${BASE}/${c.id}/records/${r24.id}`, { step: 24, date: addDays(fullOn, 2), conclusion: '同意按期转正', change_reason: '日期笔误', version: r24.version }), 200);
  const corrected = d.records.find((r) => r.id === r24.id);
  assert.equal(corrected.date, addDays(fullOn, 2));
  assert.equal(corrected.version, r24.version + 1);
  assert.equal(corrected.history.length, 1);
  assert.equal(corrected.history[0].record.date, fullOn);
  assert.equal(corrected.history[0].change_reason, '日期笔误');
  m = expectJson(await s.admin.get(`/api/v1/members/${d.member_id}`), 200);
  assert.equal(m.full_on, addDays(fullOn, 2));
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/${r24.id}`, { step: 24, date: fullOn, change_reason: '再改', version: r24.version }), 409, 'version');
});

test('void: the record stays, marked void with its reason, and no longer counts; a void record cannot change', async () => {
  const c = await addPerson(s.admin, s.branch.id);
  const applied = addMonths(TODAY, -2);
  let d = await record(s.admin, c.id, { step: 1, date: applied });
  d = await record(s.admin, c.id, { step: 2, date: addDays(applied, 10) });
  const r2 = d.records.find((r) => r.step === 2);
  d = expectJson(await s.admin.put(`${BASE}/${c.id}/records/${r2.id}`, { void: true, change_reason: '记错了人', version: r2.version }), 200);
  const v = d.records.find((r) => r.id === r2.id);
  assert.equal(v.state, 'void');
  assert.equal(v.void_reason, '记错了人');
  assert.equal(v.history.length, 1);
  assert.equal(d.next_due[0].step, 2, 'the talk is due again');
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/${r2.id}`, { void: true, change_reason: '再作废', version: v.version }), 409);
  expectProblem(await s.admin.put(`${BASE}/${c.id}/records/99999999`, { void: true, change_reason: 'x', version: 1 }), 404);
  const rows = Number(srv.sql(`SELECT count(*) FROM development_records WHERE candidate_id = ${c.id}`));
  assert.equal(rows, 2, 'nothing deleted');
});

test('two saves of the same step at once: one is recorded, the other is told the step is already there', async () => {
  const c = await addPerson(s.admin, s.branch.id);
  await record(s.admin, c.id, { step: 1, date: addMonths(TODAY, -1) });
  const [a, b] = await Promise.all([0, 1].map(() => s.admin.post(`${BASE}/${c.id}/records`, { step: 2, date: TODAY })));
  assert.deepEqual([a.status, b.status].sort(), [201, 400], `${a.status} ${b.status}`);
  const refused = a.status === 400 ? a : b;
  expectProblem(refused, 400, 'reason');
  const d = expectJson(await s.admin.get(`${BASE}/${c.id}`), 200);
  assert.equal(d.records.filter((r) => r.step === 2).length, 1);
});

test('secretary: sees and writes only 江北 内科党支部; refused elsewhere (404 by id, 403 for a unit in the body)', async () => {
  const mine = expectJson(await s.secretary.get(`${BASE}?size=200`), 200);
  assert.ok(mine.total >= 5);
  assert.ok(mine.items.every((c) => c.unit_id === s.jbNeike.id));
  const c = expectJson(await s.secretary.post(BASE, person(s.jbNeike.id, { name: '支部新申请' })), 201);
  await record(s.secretary, c.id, { step: 1, date: TODAY });
  // The branch may name its superior committee as the responsible unit of a record.
  const other = expectJson(await s.auditor.get(`${BASE}?org=${s.jbWaike.id}&size=1`), 200).items[0];
  assert.ok(other, 'a person in 江北 外科党支部');
  expectProblem(await s.secretary.get(`${BASE}/${other.id}`), 404);
  expectProblem(await s.secretary.put(`${BASE}/${other.id}`, { name: 'x', version: 1 }), 404);
  expectProblem(await s.secretary.post(`${BASE}/${other.id}/records`, { step: 2, date: TODAY }), 404);
  expectProblem(await s.secretary.post(BASE, person(s.jbWaike.id)), 403, 'unit_id');
  expectProblem(await s.secretary.put(`${BASE}/${c.id}`, { name: '支部新申请', sex: c.sex, ethnicity: '汉族', education: '大学本科', category: '在岗职工', version: c.version, unit_id: s.jbWaike.id }), 403, 'unit_id');
  expectProblem(await s.secretary.get(`${BASE}?org=${s.jbWaike.id}`), 404, 'org');
  expectProblem(await s.secretary.get(`/api/v1/development/violations?org=${s.jbWaike.id}`), 404);
  expectProblem(await s.secretary.get(`/api/v1/development/due?org=${s.jbWaike.id}`), 404);
  const due = expectJson(await s.secretary.get('/api/v1/development/due?size=200'), 200);
  assert.ok(due.items.every((x) => x.unit_id === s.jbNeike.id));
});

test('tenant isolation: 大足 never sees 江北 people; the auditor reads both and writes neither', async () => {
  const jb = expectJson(await s.secretary.get(`${BASE}?size=1`), 200).items[0];
  expectProblem(await s.admin.get(`${BASE}/${jb.id}`), 404);
  expectProblem(await s.admin.put(`${BASE}/${jb.id}`, { name: 'x', version: 1 }), 404);
  expectProblem(await s.admin.post(`${BASE}/${jb.id}/records`, { step: 2, date: TODAY }), 404);
  expectProblem(await s.admin.get(`${BASE}?org=${s.jbNeike.id}`), 404);
  const v = expectJson(await s.admin.get('/api/v1/development/violations?size=200'), 200);
  assert.ok(v.items.every((x) => x.tenant_id === s.root.tenant_id));
  const all = expectJson(await s.auditor.get(`${BASE}?size=200`), 200);
  assert.ok(new Set(all.items.map((c) => c.tenant_id)).size >= 2);
  expectJson(await s.auditor.get(`${BASE}/${jb.id}`), 200);
  expectProblem(await s.auditor.post(`${BASE}/${jb.id}/records`, { step: 2, date: TODAY }), 403);
});

test('steps catalogue; bad parameters of the office lists', async () => {
  const st = expectJson(await s.leader.get('/api/v1/development/steps'), 200);
  assert.equal(st.items.length, 25);
  assert.equal(st.items[14].title, '支部大会讨论');
  assert.equal(st.items[14].vote, true);
  assert.deepEqual(st.roles, ['申请人', '积极分子', '发展对象', '预备党员', '正式党员']);
  expectProblem(await s.admin.get('/api/v1/development/violations?state=x'), 400, 'state');
  expectProblem(await s.admin.get('/api/v1/development/violations?code=x'), 400, 'code');
  expectProblem(await s.admin.get('/api/v1/development/due?overdue=x'), 400, 'overdue');
  expectProblem(await s.admin.get('/api/v1/development/due?to=x'), 400, 'to');
  const soon = expectJson(await s.admin.get(`/api/v1/development/due?to=${TODAY}&size=200`), 200);
  assert.ok(soon.items.every((x) => x.due_on <= TODAY));
});

// The figure's value and each group's equal the totals of their records lists.
async function checkFigure(c, name, params, who) {
  const p = Object.entries(params).map(([k, v]) => `${k}=${enc(v)}`).join('&');
  const f = expectJson(await c.get(`/api/v1/figures/${name}${p ? `?${p}` : ''}`), 200);
  const label = `${who} ${name} ${JSON.stringify(params)}`;
  assert.ok(f.records.startsWith(BASE), `${label}: records ${f.records}`);
  const list = expectJson(await c.get(`${f.records}${f.records.includes('?') ? '&' : '?'}size=1`), 200);
  assert.equal(list.total, f.value, `${label}: value = total of ${f.records}`);
  for (const g of f.groups) {
    const t = expectJson(await c.get(`${g.records}${g.records.includes('?') ? '&' : '?'}size=1`), 200).total;
    assert.equal(t, g.value, `${label}: group ${g.label} = total of ${g.records}`);
  }
  return f;
}

test('figures: by role, by branch and new in a period, each equal to its list, for the office, a branch and the auditor', async () => {
  const cat = expectJson(await s.admin.get('/api/v1/figures'), 200).items.map((f) => f.name);
  for (const n of ['development_by_role', 'development_by_branch', 'development_new_in_period']) assert.ok(cat.includes(n), n);
  const byRole = await checkFigure(s.admin, 'development_by_role', {}, 'admin');
  assert.deepEqual(byRole.groups.map((g) => g.key), ['申请人', '积极分子', '发展对象', '预备党员', '正式党员']);
  assert.ok(byRole.groups.every((g) => g.value > 0 || g.key === '正式党员'));
  await checkFigure(s.admin, 'development_by_role', { org: String(s.branch.id) }, 'admin');
  const byBranch = await checkFigure(s.admin, 'development_by_branch', {}, 'admin');
  assert.ok(byBranch.groups.length >= 5);
  await checkFigure(s.admin, 'development_by_branch', { role: '积极分子' }, 'admin');
  const year = await checkFigure(s.admin, 'development_new_in_period', { from: addYears(TODAY, -1), to: TODAY }, 'admin');
  assert.ok(year.value > 0 && year.groups.some((g) => g.key === '积极分子' && g.value > 0));
  const sec = await checkFigure(s.secretary, 'development_by_role', {}, 'secretary');
  assert.equal(sec.groups.find((g) => g.key === '发展对象').value, 2, 'seed 002: 发展对象2名');
  await checkFigure(s.auditor, 'development_by_role', {}, 'auditor');
  await checkFigure(s.auditor, 'development_by_branch', { org: String(s.jbRoot.id) }, 'auditor');
  // Live: a new application raises the applicants of the period by one.
  const n0 = year.value;
  const c = await addPerson(s.admin, s.branch.id);
  await record(s.admin, c.id, { step: 1, date: TODAY });
  const again = await checkFigure(s.admin, 'development_new_in_period', { from: addYears(TODAY, -1), to: TODAY }, 'admin');
  assert.equal(again.value, n0 + 1);
  expectProblem(await s.admin.get('/api/v1/figures/development_new_in_period?from=x'), 400, 'from');
  expectProblem(await s.admin.get(`/api/v1/figures/development_by_role?org=${s.jbNeike.id}`), 404);
});
