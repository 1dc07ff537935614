// Integrity (docs/openapi.yaml /api/v1/integrity/*): the post classes as data; the yearly
// 廉洁从业承诺书 roll derived from hospital posts (who must sign, who has), signing with date rules,
// one pledge per person and year, voiding with a reason, the printable form; 九不准 self-checks
// with issues and follow-up as versions; refusals, scope, tenants; the figures equal their lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { JB, DAZU, findUnit } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YEAR = Number(TODAY.slice(0, 4));
const clean = () => Array.from({ length: 9 }, (_, i) => ({ item: i + 1, found: false }));
const fields = (r) => r.body.errors.map((e) => e.field);

test('setup', async () => {
  for (const u of ['admin', 'secretary', 'member', 'leader', 'auditor']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.yulong = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  s.wang = Number(srv.sql("SELECT member_id FROM users WHERE username = 'member'"));
  // A 大足 member without any hospital post.
  s.plain = Number(srv.sql("SELECT p.id FROM members p WHERE p.tenant_id = 2 AND p.state = 'active' AND NOT EXISTS (SELECT 1 FROM member_posts mp WHERE mp.tenant_id = 2 AND mp.member_id = p.id AND mp.kind = 'hospital') ORDER BY p.id DESC LIMIT 1"));
});

test('post classes: the defaults; only party:integrity:edit replaces them; validation names classes[i]', async () => {
  const r = expectJson(await s.admin.get('/api/v1/integrity/post-classes'), 200);
  assert.equal(r.stored, false);
  assert.deepEqual(r.items, r.defaults);
  assert.ok(r.items.some((c) => c.cls === 'middle' && c.keyword === '护士长'));
  assert.ok(r.items.some((c) => c.cls === 'key' && c.keyword === '药剂'));
  const body = { classes: r.defaults.map(({ cls, keyword }) => ({ cls, keyword })) };
  for (const c of [s.secretary, s.leader, s.auditor]) assert.equal((await c.put('/api/v1/integrity/post-classes', body)).status, 403);
  assert.equal((await s.member.get('/api/v1/integrity/post-classes')).status, 403);
  const bad = await s.admin.put('/api/v1/integrity/post-classes', { classes: [{ cls: 'boss', keyword: '院长' }, { cls: 'key', keyword: '' }] });
  assert.deepEqual(fields(bad), ['classes[0].cls', 'classes[1].keyword']);
  expectProblem(await s.admin.put('/api/v1/integrity/post-classes', { classes: [] }), 400, 'classes');
});

test('roll: derived from posts, due = signed + unsigned, filters, scope', async () => {
  const r = expectJson(await s.admin.get(`/api/v1/integrity/pledges?year=${YEAR}&size=200`), 200);
  assert.ok(r.due > 0 && r.signed > 0 && r.unsigned > 0, JSON.stringify({ due: r.due, signed: r.signed }));
  assert.equal(r.due, r.signed + r.unsigned);
  assert.equal(r.total, r.due);
  assert.ok(r.items.some((x) => x.cls === 'middle') && r.items.some((x) => x.cls === 'key'), 'both classes');
  assert.ok(r.items.every((x) => x.posts.length > 0));
  const no = expectJson(await s.admin.get('/api/v1/integrity/pledges?signed=no&size=200'), 200);
  assert.equal(no.total, r.unsigned);
  assert.ok(no.items.every((x) => !x.signed && x.pledge_id === null));
  const yes = expectJson(await s.admin.get('/api/v1/integrity/pledges?signed=yes&size=1'), 200);
  assert.equal(yes.total, r.signed);
  assert.ok(yes.items[0].signed_on);
  expectProblem(await s.admin.get('/api/v1/integrity/pledges?signed=maybe'), 400, 'signed');
  expectProblem(await s.admin.get('/api/v1/integrity/pledges?year=2012'), 400, 'year');
  expectProblem(await s.admin.get('/api/v1/integrity/pledges?cls=boss'), 400, 'cls');
  // The secretary reads 内科党支部 only; another branch is not there for them.
  const sec = expectJson(await s.secretary.get('/api/v1/integrity/pledges?size=200'), 200);
  const roll = new Set(expectJson(await s.secretary.get('/api/v1/members?size=200'), 200).items.map((x) => x.id));
  assert.ok(sec.total > 0 && sec.items.every((x) => roll.has(x.member_id)), 'the branch\'s members only');
  assert.equal((await s.secretary.get(`/api/v1/integrity/pledges?org=${s.yulong.id}`)).status, 404);
  assert.ok(r.items.every((x) => x.tenant_id === 2), 'the admin\'s hospital only');
  assert.equal((await s.member.get('/api/v1/integrity/pledges')).status, 403);
});

test('roll: a post started this year puts its holder on it; with a new class too', async () => {
  const before = expectJson(await s.admin.get('/api/v1/integrity/pledges?size=200&signed=no'), 200);
  assert.ok(!before.items.some((x) => x.member_id === s.plain));
  const start = `${YEAR}-01-01` > addDays(TODAY, -1) ? TODAY : addDays(TODAY, -1);
  expectJson(await s.admin.post(`/api/v1/members/${s.plain}/posts`, { kind: 'hospital', title: '其他', department: '信息科', started_on: start }), 201);
  let r = expectJson(await s.admin.get(`/api/v1/integrity/pledges?q=&size=200&signed=no`), 200);
  assert.ok(!r.items.some((x) => x.member_id === s.plain), '信息科 is no key post by default');
  const classes = expectJson(await s.admin.get('/api/v1/integrity/post-classes'), 200).defaults.map(({ cls, keyword }) => ({ cls, keyword }));
  const saved = expectJson(await s.admin.put('/api/v1/integrity/post-classes', { classes: [...classes, { cls: 'key', keyword: '信息' }] }), 200);
  assert.equal(saved.stored, true);
  r = expectJson(await s.admin.get('/api/v1/integrity/pledges?size=200&signed=no'), 200);
  const row = r.items.find((x) => x.member_id === s.plain);
  assert.ok(row, 'on the roll now');
  assert.deepEqual([row.cls, row.posts], ['key', '其他（信息科）']);
  assert.equal(Number(srv.sql("SELECT count(*) FROM integrity_post_classes WHERE tenant_id = 2 AND superseded_at IS NULL")), classes.length + 1);
  // Another hospital keeps the defaults.
  assert.equal(expectJson(await s.secretary.get('/api/v1/integrity/post-classes'), 200).stored, false);
});

test('sign: date rules, once per year, only members on the roll; refusals and tenants', async () => {
  const body = { member_id: s.plain, year: YEAR, signed_on: TODAY };
  assert.equal((await s.secretary.post('/api/v1/integrity/pledges', body)).status, 403, 'no party:integrity:edit');
  assert.equal((await s.leader.post('/api/v1/integrity/pledges', body)).status, 403);
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', { ...body, signed_on: addDays(TODAY, 1) }), 400, 'signed_on', '签署日期不能晚于今天');
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', { ...body, signed_on: `${YEAR - 1}-11-30` }), 400, 'signed_on');
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', { ...body, year: 2012 }), 400, 'year');
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', { year: YEAR, signed_on: TODAY }), 400, 'member_id');
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', { ...body, member_id: s.wang }), 400, 'member_id', '党员不存在');
  const notDue = Number(srv.sql("SELECT p.id FROM members p WHERE p.tenant_id = 2 AND p.state = 'active' AND NOT EXISTS (SELECT 1 FROM member_posts mp WHERE mp.tenant_id = 2 AND mp.member_id = p.id AND mp.kind = 'hospital') ORDER BY p.id LIMIT 1"));
  const e = expectProblem(await s.admin.post('/api/v1/integrity/pledges', { ...body, member_id: notDue }), 400, 'member_id');
  assert.match(e.message, /无需签署承诺书/);
  const g = expectJson(await s.admin.post('/api/v1/integrity/pledges', body), 201);
  assert.deepEqual([g.year, g.signed_on, g.posts, g.cls, g.voided], [YEAR, TODAY, '其他（信息科）', 'key', false]);
  expectProblem(await s.admin.post('/api/v1/integrity/pledges', body), 409, 'member_id');
  assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE record_type = 'integrity_pledge' AND record_id = '${g.id}'`)), 1);
  s.pledge = g;
});

test('the signed form: the pledge text, name, post and date; another hospital\'s is not there', async () => {
  const f = expectJson(await s.admin.get(`/api/v1/integrity/pledges/${s.pledge.id}`), 200);
  assert.equal(f.title, '廉洁从业承诺书');
  assert.ok(Array.isArray(f.text) && f.text.length >= 3 && f.text.join('').includes('九不准'));
  assert.equal(f.member_id, s.plain);
  expectJson(await s.leader.get(`/api/v1/integrity/pledges/${s.pledge.id}`), 200);
  assert.equal((await s.secretary.get(`/api/v1/integrity/pledges/${s.pledge.id}`)).status, 404);
  const jbPledge = srv.sql('SELECT id FROM integrity_pledges WHERE tenant_id = 3 LIMIT 1');
  assert.equal((await s.admin.get(`/api/v1/integrity/pledges/${jbPledge}`)).status, 404);
  expectJson(await s.auditor.get(`/api/v1/integrity/pledges/${jbPledge}`), 200);
});

test('void: needs a reason, keeps the record, the member is unsigned again and may sign anew', async () => {
  expectProblem(await s.admin.post(`/api/v1/integrity/pledges/${s.pledge.id}/void`, {}), 400, 'reason');
  const v = expectJson(await s.admin.post(`/api/v1/integrity/pledges/${s.pledge.id}/void`, { reason: '签署日期登记错误' }), 200);
  assert.deepEqual([v.voided, v.void_reason], [true, '签署日期登记错误']);
  expectProblem(await s.admin.post(`/api/v1/integrity/pledges/${s.pledge.id}/void`, { reason: '再次作废' }), 409, 'id');
  const no = expectJson(await s.admin.get('/api/v1/integrity/pledges?signed=no&size=200'), 200);
  assert.ok(no.items.some((x) => x.member_id === s.plain));
  expectJson(await s.admin.post('/api/v1/integrity/pledges', { member_id: s.plain, year: YEAR, signed_on: TODAY }), 201);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM integrity_pledges WHERE member_id = ${s.plain}`)), 2, 'nothing deleted');
});

test('self-checks: the nine items; validation; a follow-up is a new version; history kept', async () => {
  const items = expectJson(await s.admin.get('/api/v1/integrity/self-check-items'), 200).items;
  assert.equal(items.length, 9);
  assert.equal(items[8].title, '不准收受患者“红包”');
  const base = { member_id: s.plain, period: String(YEAR), checked_on: TODAY, answers: clean() };
  expectProblem(await s.admin.post('/api/v1/integrity/self-checks', { ...base, answers: clean().slice(1) }), 400, 'answers');
  expectProblem(await s.admin.post('/api/v1/integrity/self-checks', { ...base, period: `${YEAR}-Q1` }), 400, 'period');
  const issue = clean();
  issue[8] = { item: 9, found: true, issue: '收到患者家属红包', measures: '', due_on: addDays(TODAY, -1) };
  const bad = await s.admin.post('/api/v1/integrity/self-checks', { ...base, answers: issue });
  assert.deepEqual(fields(bad), ['answers[8].measures', 'answers[8].due_on']);
  assert.equal((await s.secretary.post('/api/v1/integrity/self-checks', base)).status, 403);
  const v1 = expectJson(await s.admin.post('/api/v1/integrity/self-checks', { ...base, answers: clean() }), 201);
  assert.deepEqual([v1.version, v1.status, v1.issues], [1, '无问题', 0]);
  issue[8] = { item: 9, found: true, issue: '收到患者家属红包', measures: '当面退回并通报', due_on: TODAY };
  const v2 = expectJson(await s.admin.post('/api/v1/integrity/self-checks', { ...base, answers: issue }), 201);
  assert.deepEqual([v2.version, v2.status, v2.issues], [2, '整改中', 1]);
  issue[8].done_on = TODAY;
  const v3 = expectJson(await s.admin.post('/api/v1/integrity/self-checks', { ...base, answers: issue }), 201);
  assert.deepEqual([v3.version, v3.status], [3, '已整改']);
  const d = expectJson(await s.admin.get(`/api/v1/integrity/self-checks/${v3.id}`), 200);
  assert.deepEqual(d.versions.map((x) => x.version), [3, 2, 1]);
  assert.equal(d.answers[8].measures, '当面退回并通报');
  const list = expectJson(await s.admin.get(`/api/v1/integrity/self-checks?period=${YEAR}&size=200`), 200);
  assert.equal(list.items.filter((x) => x.member_id === s.plain).length, 1, 'the current version only');
  const issues = expectJson(await s.admin.get('/api/v1/integrity/self-checks?issues=1&size=200'), 200);
  assert.ok(issues.items.length >= 2 && issues.items.every((x) => x.issues > 0));
  expectProblem(await s.admin.get('/api/v1/integrity/self-checks?status=bad'), 400, 'status');
  assert.equal((await s.secretary.get(`/api/v1/integrity/self-checks/${v3.id}`)).status, 404);
  const roll = new Set(expectJson(await s.secretary.get('/api/v1/members?size=200'), 200).items.map((x) => x.id));
  assert.ok(expectJson(await s.secretary.get('/api/v1/integrity/self-checks?size=200'), 200).items.every((x) => roll.has(x.member_id)));
});

test('figures: pledges due and signed, self-checks and issues equal their records lists', async () => {
  for (const c of [s.admin, s.secretary, s.leader, s.auditor]) {
    for (const name of ['integrity_pledges_due', 'integrity_pledges_signed', 'integrity_self_checks', 'integrity_self_check_issues']) {
      const f = expectJson(await c.get(`/api/v1/figures/${name}`), 200);
      assert.equal(expectJson(await c.get(f.records), 200).total, f.value, `${name}: ${f.records}`);
    }
  }
  const due = expectJson(await s.admin.get('/api/v1/figures/integrity_pledges_due'), 200).value;
  const signed = expectJson(await s.admin.get('/api/v1/figures/integrity_pledges_signed'), 200).value;
  assert.ok(due > signed && signed > 0);
  const f = expectJson(await s.admin.get(`/api/v1/figures/integrity_pledges_due?org=${s.yulong.id}&year=${YEAR}`), 200);
  assert.equal(expectJson(await s.admin.get(f.records), 200).total, f.value);
});
