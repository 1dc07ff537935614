// 党费 (docs/openapi.yaml, tag dues): pay items, bases with the regulation's bands in exact fen,
// generating a year, payments (partial, advance, extra, named months), voids, corrections of a
// past month, a base change recomputing only months not yet past, the member ledger, arrears with
// the six-months flag and its reason, branch totals, the .xlsx, the figures equal to their
// records, each validation error, the refused roles and tenant isolation. Runs on both databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { readZip, sheetRows } from './lib/xlsx.mjs';
import { JB, DAZU, findUnit } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YEAR = Number(TODAY.slice(0, 4));
const NEXT = YEAR + 1;
const THIS_MONTH = TODAY.slice(0, 7);
const addMonth = (m, n) => {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};

async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}
const ledger = async (c, id, year = YEAR) => expectJson(await c.get(`/api/v1/dues/members/${id}/ledger?year=${year}`), 200);
const monthOf = (l, month) => l.months.find((m) => m.month === month);

test('setup', async () => {
  for (const u of ['admin', 'secretary', 'auditor', 'member', 'leader']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(s.all, '内科党支部', JB);
  s.waike = findUnit(s.all, '外科党支部', JB);
  s.dazuBranch = findUnit(s.all, '玉龙镇卫生院党支部', DAZU);
  const neikeMembers = expectJson(await s.secretary.get(`/api/v1/members?org=${s.neike.id}&size=50`), 200).items;
  // Two members of the secretary's branch not flagged by the demo (the flagged one has paid nothing for months).
  const flagged = expectJson(await s.secretary.get(`/api/v1/dues/arrears?org=${s.neike.id}&flagged=1`), 200).items.map((a) => a.member_id);
  const free = neikeMembers.filter((m) => !flagged.includes(m.id) && !['陈建国', '王丽娟'].includes(m.name));
  [s.m1, s.m2, s.m3] = free;
  s.waikeMember = expectJson(await s.auditor.get(`/api/v1/members?org=${s.waike.id}&size=1`), 200).items[0];
  s.dazuMember = expectJson(await s.admin.get(`/api/v1/members?org=${s.dazuBranch.id}&size=1`), 200).items[0];
});

test('pay items: the four defaults, replaced by the party office only', async () => {
  const d = expectJson(await s.secretary.get('/api/v1/dues/pay-items'), 200);
  assert.equal(d.stored, false);
  assert.deepEqual(d.items.map((i) => i.name), ['岗位工资', '薪级工资', '绩效工资', '津贴补贴']);
  expectProblem(await s.secretary.put('/api/v1/dues/pay-items', { items: d.items }), 403);
  expectProblem(await s.admin.put('/api/v1/dues/pay-items', { items: [] }), 400, 'items');
  expectProblem(await s.admin.put('/api/v1/dues/pay-items', { items: [{ name: '岗位工资' }, { name: '岗位工资' }] }), 400, 'items');
  const saved = expectJson(await s.admin.put('/api/v1/dues/pay-items', { items: [...d.items, { name: '年终奖', regular: false }] }), 200);
  assert.equal(saved.stored, true);
  assert.equal(saved.items.length, 5);
  // Another hospital keeps its defaults.
  assert.equal(expectJson(await s.secretary.get('/api/v1/dues/pay-items'), 200).stored, false);
});

test('bases: the bands in exact fen, one rate on the whole base', async () => {
  const cases = [
    ['在职', 299999, 50, 1500], ['在职', 300000, 50, 1500], ['在职', 300001, 100, 3000], ['在职', 500000, 100, 5000],
    ['在职', 1000000, 150, 15000], ['在职', 1000001, 200, 20000], ['离退休', 500000, 50, 2500], ['离退休', 500001, 100, 5000],
  ];
  for (const [category, base_fen, rate, monthly] of cases) {
    const source = category === '在职' ? 'entered' : 'pension';
    const b = expectJson(await s.secretary.post('/api/v1/dues/bases', {
      member_id: s.m3.id, category, source, effective_month: `${NEXT}-12`, base_fen,
    }), 201);
    assert.equal(b.rate_bp, rate, `${category} ${base_fen}`);
    assert.equal(b.monthly_fen, monthly, `${category} ${base_fen}`);
  }
  const minimal = expectJson(await s.secretary.post('/api/v1/dues/bases', {
    member_id: s.m3.id, category: '学生失业低保', source: 'fixed', effective_month: `${NEXT}-12`,
  }), 201);
  assert.equal(minimal.monthly_fen, 20);
  const farmer = expectJson(await s.secretary.post('/api/v1/dues/bases', {
    member_id: s.m3.id, category: '农民', source: 'fixed', effective_month: `${NEXT}-12`, fixed_fen: 60,
  }), 201);
  assert.equal(farmer.monthly_fen, 60);
});

test('bases: computed from pay items less tax and social insurance', async () => {
  const b = expectJson(await s.secretary.post('/api/v1/dues/bases', {
    member_id: s.m3.id, category: '在职', source: 'items', effective_month: `${NEXT}-12`,
    items: [{ name: '岗位工资', amount_fen: 300000 }, { name: '薪级工资', amount_fen: 150000 }, { name: '绩效工资', amount_fen: 200000 }, { name: '津贴补贴', amount_fen: 50000 }],
    tax_fen: 12000, insurance_fen: 88000,
  }), 201);
  assert.equal(b.base_fen, 600000);
  assert.equal(b.source, 'items');
  assert.equal(b.rate_bp, 150);
  assert.equal(b.monthly_fen, 9000);
  assert.equal(b.items.length, 4);
  // 大足 stored 年终奖 as one-off: counted out of the base.
  const d = expectJson(await s.admin.post('/api/v1/dues/bases', {
    member_id: s.dazuMember.id, category: '在职', source: 'items', effective_month: `${NEXT}-12`,
    items: [{ name: '岗位工资', amount_fen: 400000 }, { name: '年终奖', amount_fen: 2000000 }], tax_fen: 0, insurance_fen: 0,
  }), 201);
  assert.equal(d.base_fen, 400000);
  assert.equal(d.monthly_fen, 4000);
});

test('bases: each validation error names its field', async () => {
  const ok = { member_id: s.m3.id, category: '在职', source: 'entered', effective_month: `${NEXT}-12`, base_fen: 500000 };
  const bad = [
    [{ member_id: undefined }, 'member_id'], [{ member_id: 999999999 }, 'member_id'], [{ category: '退休' }, 'category'],
    [{ source: 'pension' }, 'source'], [{ base_fen: -1 }, 'base_fen'], [{ base_fen: 1.5 }, 'base_fen'],
    [{ effective_month: '2026-13' }, 'effective_month'], [{ extra_fen: -5 }, 'extra_fen'],
    [{ category: '农民', source: 'fixed', fixed_fen: 101 }, 'fixed_fen'], [{ category: '农民', source: 'fixed', fixed_fen: 19 }, 'fixed_fen'],
    [{ source: 'items', items: [] }, 'items'], [{ source: 'items', items: [{ name: '加班费', amount_fen: 1 }] }, 'items'],
    [{ source: 'items', items: [{ name: '岗位工资', amount_fen: 100 }], tax_fen: 50, insurance_fen: 51 }, 'insurance_fen'],
    [{ source: 'items', items: [{ name: '岗位工资', amount_fen: 100 }], tax_fen: -1 }, 'tax_fen'],
  ];
  for (const [over, field] of bad) expectProblem(await s.secretary.post('/api/v1/dues/bases', { ...ok, ...over }), 400, field);
});

test('generate: a year from the base in force, from the month of admission; again generates nothing', async () => {
  const first = expectJson(await s.secretary.post('/api/v1/dues/generate', { unit_id: s.neike.id, year: NEXT }), 200);
  assert.ok(first.generated > 0, JSON.stringify(first));
  assert.equal(first.unit_id, s.neike.id);
  const again = expectJson(await s.secretary.post('/api/v1/dues/generate', { unit_id: s.neike.id, year: NEXT }), 200);
  assert.equal(again.generated, 0);
  assert.equal(again.existing, first.generated + first.existing);
  const l = await ledger(s.secretary, s.m1.id, NEXT);
  assert.equal(l.months.length, 12);
  expectProblem(await s.secretary.post('/api/v1/dues/generate', {}), 400, 'unit_id');
  expectProblem(await s.secretary.post('/api/v1/dues/generate', { unit_id: s.neike.id, year: 1999 }), 400, 'year');
  expectProblem(await s.secretary.post('/api/v1/dues/generate', { unit_id: s.waike.id, year: NEXT }), 403, 'unit_id');
  expectProblem(await s.admin.post('/api/v1/dues/generate', { unit_id: s.neike.id, year: NEXT }), 400, 'unit_id');
});

test('payments: advance, partial and extra; the ledger month by month; the receipt; a void', async () => {
  const l0 = await ledger(s.secretary, s.m1.id, NEXT);
  const jan = monthOf(l0, `${NEXT}-01`);
  const feb = monthOf(l0, `${NEXT}-02`);
  assert.ok(jan.due_fen > 0);
  // Named months in advance: January in full, February partly.
  const half = Math.floor(feb.due_fen / 2);
  const p = expectJson(await s.secretary.post('/api/v1/dues/payments', {
    member_id: s.m1.id, paid_on: TODAY, amount_fen: jan.due_fen + half, method: '微信', collector: '组织委员', months: [`${NEXT}-02`, `${NEXT}-01`],
  }), 201);
  assert.deepEqual(p.lines, [{ month: `${NEXT}-01`, applied_fen: jan.due_fen, extra_fen: 0 }, { month: `${NEXT}-02`, applied_fen: half, extra_fen: 0 }]);
  assert.match(p.receipt_no, /^DF\d{4}\d{8}$/);
  let l = await ledger(s.secretary, s.m1.id, NEXT);
  assert.equal(monthOf(l, `${NEXT}-01`).paid_fen, jan.due_fen);
  assert.equal(monthOf(l, `${NEXT}-01`).owed_fen, 0);
  assert.equal(monthOf(l, `${NEXT}-01`).settled_on, TODAY);
  assert.equal(monthOf(l, `${NEXT}-01`).on_time, true);  // paid before that month ended
  assert.equal(monthOf(l, `${NEXT}-02`).owed_fen, feb.due_fen - half);
  assert.equal(monthOf(l, `${NEXT}-02`).settled_on, null);
  // More than the named month owes: the rest is a voluntary extra on it.
  const extra = expectJson(await s.secretary.post('/api/v1/dues/payments', {
    member_id: s.m1.id, paid_on: TODAY, amount_fen: feb.due_fen - half + 500, method: '现金', collector: '组织委员', months: [`${NEXT}-02`],
  }), 201);
  assert.deepEqual(extra.lines, [{ month: `${NEXT}-02`, applied_fen: feb.due_fen - half, extra_fen: 500 }]);
  l = await ledger(s.secretary, s.m1.id, NEXT);
  assert.equal(monthOf(l, `${NEXT}-02`).extra_fen, 500);
  assert.equal(monthOf(l, `${NEXT}-02`).owed_fen, 0);
  assert.equal(l.total.paid_fen, jan.due_fen + feb.due_fen);
  // The receipt.
  const r = expectJson(await s.auditor.get(`/api/v1/dues/payments/${p.id}`), 200);
  assert.equal(r.member_name, s.m1.name);
  assert.equal(r.amount_fen, jan.due_fen + half);
  assert.equal(r.tenant_name, JB);
  // A void: the payment stays, its amount no longer counts; twice is a conflict.
  expectProblem(await s.secretary.post(`/api/v1/dues/payments/${extra.id}/void`, {}), 400, 'reason');
  const v = expectJson(await s.secretary.post(`/api/v1/dues/payments/${extra.id}/void`, { reason: '重复登记' }), 200);
  assert.equal(v.voided, true);
  expectProblem(await s.secretary.post(`/api/v1/dues/payments/${extra.id}/void`, { reason: '再次' }), 409);
  l = await ledger(s.secretary, s.m1.id, NEXT);
  assert.equal(monthOf(l, `${NEXT}-02`).owed_fen, feb.due_fen - half);
  assert.ok(l.payments.find((x) => x.id === extra.id).voided);
  const valid = expectJson(await s.secretary.get(`/api/v1/dues/payments?member=${s.m1.id}&size=200`), 200);
  assert.ok(!valid.items.some((x) => x.id === extra.id));
  const voided = expectJson(await s.secretary.get(`/api/v1/dues/payments?member=${s.m1.id}&state=voided`), 200);
  assert.deepEqual(voided.items.map((x) => x.id), [extra.id]);
});

test('payments: without named months the oldest owed month is paid first', async () => {
  const l0 = await ledger(s.secretary, s.m2.id, NEXT);
  const owedBefore = [];
  for (const y of [YEAR - 1, YEAR, NEXT]) for (const m of (await ledger(s.secretary, s.m2.id, y)).months) if (m.owed_fen > 0) owedBefore.push(m);
  const p = expectJson(await s.secretary.post('/api/v1/dues/payments', {
    member_id: s.m2.id, paid_on: TODAY, amount_fen: owedBefore[0].owed_fen, method: '支付宝', collector: '组织委员',
  }), 201);
  assert.deepEqual(p.lines.map((x) => x.month), [owedBefore[0].month]);
  assert.ok(l0.months.length === 12);
});

test('payments: each validation error names its field', async () => {
  const ok = { member_id: s.m1.id, paid_on: TODAY, amount_fen: 100, method: '现金', collector: '组织委员' };
  const bad = [
    [{ member_id: 0 }, 'member_id'], [{ paid_on: '' }, 'paid_on'], [{ paid_on: '2026-02-30' }, 'paid_on'],
    [{ paid_on: addDays(TODAY, 1) }, 'paid_on'], [{ amount_fen: 0 }, 'amount_fen'], [{ amount_fen: -1 }, 'amount_fen'],
    [{ amount_fen: 12.5 }, 'amount_fen'], [{ method: '信用卡' }, 'method'], [{ collector: ' ' }, 'collector'],
    [{ months: ['2026-13'] }, 'months'], [{ months: ['1990-01'] }, 'months'], [{ note: '长'.repeat(201) }, 'note'],
  ];
  for (const [over, field] of bad) expectProblem(await s.secretary.post('/api/v1/dues/payments', { ...ok, ...over }), 400, field);
  for (const q of ['from=2026-1-1', 'to=x', 'method=刷卡', 'state=old', 'member=abc', 'sort=bogus', 'size=0'])
    expectProblem(await s.secretary.get(`/api/v1/dues/payments?${q}`), 400, q.split('=')[0]);
});

test('a correction of a month is a new row referencing the old one', async () => {
  const month = `${NEXT}-03`;
  const before = monthOf(await ledger(s.secretary, s.m2.id, NEXT), month);
  const c = expectJson(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/${month}/correct`, { due_fen: before.due_fen + 100, reason: '基数录入有误' }), 201);
  assert.equal(c.kind, 'correction');
  assert.equal(c.corrects_id, before.id);
  const l = await ledger(s.secretary, s.m2.id, NEXT);
  assert.equal(monthOf(l, month).due_fen, before.due_fen + 100);
  assert.equal(monthOf(l, month).reason, '基数录入有误');
  assert.ok(l.superseded.some((r) => r.id === before.id && r.due_fen === before.due_fen));
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/${month}/correct`, { due_fen: before.due_fen + 100, reason: '同额' }), 400, 'due_fen');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/${month}/correct`, { due_fen: 1 }), 400, 'reason');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/${month}/correct`, { due_fen: -1, reason: 'x' }), 400, 'due_fen');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/2031-13/correct`, { due_fen: 1, reason: 'x' }), 400, 'month');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.m2.id}/months/1999-01/correct`, { due_fen: 1, reason: 'x' }), 400, 'month');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${s.waikeMember.id}/months/${month}/correct`, { due_fen: 1, reason: 'x' }), 404);
});

test('a base change recomputes only the months not yet past', async () => {
  const before = await ledger(s.secretary, s.m1.id, YEAR);
  const b = expectJson(await s.secretary.post('/api/v1/dues/bases', {
    member_id: s.m1.id, category: '在职', source: 'entered', effective_month: `${YEAR}-01`, base_fen: 1000001,
  }), 201);
  assert.equal(b.monthly_fen, 20000);
  assert.ok(b.recomputed.every((r) => r.month >= THIS_MONTH && r.kind === 'recomputed'), JSON.stringify(b.recomputed));
  const after = await ledger(s.secretary, s.m1.id, YEAR);
  for (const m of after.months) {
    const old = monthOf(before, m.month);
    if (m.month < THIS_MONTH) assert.equal(m.due_fen, old.due_fen, `${m.month} is past and keeps its due`);
    else assert.equal(m.due_fen, 20000, `${m.month} is recomputed`);
  }
  const nextYear = await ledger(s.secretary, s.m1.id, NEXT);
  assert.ok(nextYear.months.filter((m) => m.month !== `${NEXT}-03`).every((m) => m.due_fen === 20000));
});

test('arrears: six consecutive months unpaid are flagged, with a recordable reason', async () => {
  const all = expectJson(await s.secretary.get(`/api/v1/dues/arrears?org=${s.neike.id}&size=200`), 200);
  assert.equal(all.total, all.items.length);
  assert.equal(all.month, THIS_MONTH);
  const flagged = expectJson(await s.secretary.get(`/api/v1/dues/arrears?org=${s.neike.id}&flagged=1`), 200);
  assert.ok(flagged.total >= 1, 'the demo member who paid nothing for seven months');
  const f = flagged.items[0];
  assert.equal(f.flagged, true);
  assert.ok(f.unpaid_run >= 6);
  assert.equal(f.unpaid_to, addMonth(THIS_MONTH, -1));
  assert.ok(all.items.some((a) => a.member_id === f.member_id));
  assert.ok(all.items.some((a) => !a.flagged), 'members owing fewer months are listed unflagged');
  expectProblem(await s.secretary.post(`/api/v1/dues/members/${f.member_id}/unpaid-reason`, { reason: '' }), 400, 'reason');
  expectJson(await s.secretary.post(`/api/v1/dues/members/${f.member_id}/unpaid-reason`, { reason: '长期病休，支部已谈话' }), 200);
  const again = expectJson(await s.secretary.get(`/api/v1/dues/arrears?org=${s.neike.id}&flagged=1`), 200);
  assert.equal(again.items.find((a) => a.member_id === f.member_id).reason, '长期病休，支部已谈话');
  const l = await ledger(s.secretary, f.member_id);
  assert.equal(l.flagged, true);
  assert.equal(l.reason, '长期病休，支部已谈话');
  // Judged as of seven months ago, the run had not begun.
  const earlier = expectJson(await s.secretary.get(`/api/v1/dues/arrears?org=${s.neike.id}&flagged=1&month=${addMonth(THIS_MONTH, -7)}`), 200);
  assert.ok(!earlier.items.some((a) => a.member_id === f.member_id));
  for (const q of ['flagged=2', 'month=2026-1', 'sort=bogus']) expectProblem(await s.secretary.get(`/api/v1/dues/arrears?${q}`), 400, q.split('=')[0]);
  expectProblem(await s.secretary.get(`/api/v1/dues/arrears?org=${s.waike.id}`), 404, 'org');
});

test('totals: per month for the unit and each branch; a payment moves them', async () => {
  const t0 = expectJson(await s.secretary.get(`/api/v1/dues/totals?org=${s.neike.id}&year=${YEAR}`), 200);
  assert.equal(t0.months.length, 12);
  assert.equal(t0.total.due_fen, t0.months.reduce((a, m) => a + m.due_fen, 0));
  assert.equal(t0.total.paid_fen, t0.months.reduce((a, m) => a + m.paid_fen, 0));
  assert.deepEqual(t0.branches.map((b) => b.unit_id), [s.neike.id]);
  const month = monthOf(await ledger(s.secretary, s.m3.id), THIS_MONTH);
  const amount = month.owed_fen;
  if (amount > 0) {
    expectJson(await s.secretary.post('/api/v1/dues/payments', {
      member_id: s.m3.id, paid_on: TODAY, amount_fen: amount, method: '现金', collector: '组织委员', months: [THIS_MONTH],
    }), 201);
    const t1 = expectJson(await s.secretary.get(`/api/v1/dues/totals?org=${s.neike.id}&year=${YEAR}`), 200);
    assert.equal(monthOf(t1, THIS_MONTH).paid_fen, monthOf(t0, THIS_MONTH).paid_fen + amount);
  }
  // The hospital's committee: its branches' totals are parts of its own.
  const root = s.all.find((u) => u.tenant_name === JB && !u.parent_id);
  const c = expectJson(await s.auditor.get(`/api/v1/dues/totals?org=${root.id}&year=${YEAR}`), 200);
  assert.ok(c.branches.length >= 4);
  assert.ok(c.branches.some((b) => b.unit_id === s.neike.id && b.total.due_fen > 0));
  assert.ok(c.branches.reduce((a, b) => a + b.total.due_fen, 0) <= c.total.due_fen);
  assert.ok(c.total.paid_fen > 0);
  expectProblem(await s.secretary.get('/api/v1/dues/totals'), 400, 'org');
  expectProblem(await s.secretary.get(`/api/v1/dues/totals?org=${s.neike.id}&year=19`), 400, 'year');
  expectProblem(await s.secretary.get(`/api/v1/dues/totals?org=${s.waike.id}`), 404, 'org');
});

test('the yearly ledger as .xlsx', async () => {
  const d = await download(s.secretary, `/api/v1/dues/ledger/export?org=${s.neike.id}&year=${YEAR}`);
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-type'), /spreadsheetml/);
  assert.match(d.headers.get('content-disposition'), /dues-ledger-\d{4}\.xlsx/);
  const rows = sheetRows(d.buf);
  assert.match(rows[0][0], /内科党支部党费收缴台账/);
  assert.equal(rows[1][1], '姓名');
  assert.equal(rows[1][3], '1月 实交/应交');
  assert.ok(rows.length > 10);
  assert.ok(readZip(d.buf, 'xl/worksheets/sheet2.xml'));
});

test('figures equal their records', async () => {
  for (const name of ['dues_payments', 'dues_unpaid_six_months']) {
    for (const q of ['', `?org=${s.neike.id}`]) {
      const f = expectJson(await s.secretary.get(`/api/v1/figures/${name}${q}`), 200);
      const list = expectJson(await s.secretary.get(f.records), 200);
      assert.equal(f.value, list.total, `${name}${q}`);
      for (const g of f.groups || []) assert.equal(g.value, expectJson(await s.secretary.get(g.records), 200).total, g.records);
    }
  }
  assert.ok(expectJson(await s.secretary.get('/api/v1/figures/dues_unpaid_six_months'), 200).value >= 1);
});

test('refused roles', async () => {
  expectProblem(await s.member.get('/api/v1/dues/arrears'), 403);
  expectProblem(await s.member.get(`/api/v1/dues/members/${s.m1.id}/ledger`), 403);
  for (const c of [s.auditor, s.leader]) {
    expectProblem(await c.post('/api/v1/dues/payments', { member_id: s.m1.id, paid_on: TODAY, amount_fen: 1, method: '现金', collector: 'x' }), 403);
    expectProblem(await c.post('/api/v1/dues/bases', {}), 403);
    expectProblem(await c.post('/api/v1/dues/generate', {}), 403);
  }
  expectJson(await s.leader.get('/api/v1/dues/arrears'), 200);
});

test('tenant isolation and the branch scope', async () => {
  // Another hospital's member and payment do not exist for 大足's admin.
  expectProblem(await s.admin.get(`/api/v1/dues/members/${s.m1.id}/ledger`), 404);
  expectProblem(await s.admin.post('/api/v1/dues/payments', { member_id: s.m1.id, paid_on: TODAY, amount_fen: 1, method: '现金', collector: 'x' }), 400, 'member_id');
  expectProblem(await s.admin.post(`/api/v1/dues/members/${s.m1.id}/unpaid-reason`, { reason: 'x' }), 404);
  const mine = expectJson(await s.secretary.get(`/api/v1/dues/payments?member=${s.m1.id}`), 200).items[0];
  expectProblem(await s.admin.get(`/api/v1/dues/payments/${mine.id}`), 404);
  expectProblem(await s.admin.post(`/api/v1/dues/payments/${mine.id}/void`, { reason: 'x' }), 404);
  const adminList = expectJson(await s.admin.get('/api/v1/dues/payments?size=200'), 200);
  assert.ok(!adminList.items.some((p) => p.id === mine.id));
  // The branch secretary: another branch of the same hospital is outside the scope.
  expectProblem(await s.secretary.get(`/api/v1/dues/members/${s.waikeMember.id}/ledger`), 404);
  expectProblem(await s.secretary.post('/api/v1/dues/payments', { member_id: s.waikeMember.id, paid_on: TODAY, amount_fen: 1, method: '现金', collector: 'x' }), 403, 'member_id');
  const list = expectJson(await s.secretary.get('/api/v1/dues/payments?size=200'), 200);
  assert.ok(list.items.every((p) => p.unit_name !== '外科党支部'));
  // The superior committee's auditor reads every hospital below it.
  expectJson(await s.auditor.get(`/api/v1/dues/members/${s.m1.id}/ledger`), 200);
  expectJson(await s.auditor.get(`/api/v1/dues/members/${s.dazuMember.id}/ledger`), 200);
});
