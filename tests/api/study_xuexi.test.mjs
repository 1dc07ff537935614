// 学习强国 statistics (docs/party-api.md, "Study"): the preview of an exported file writes nothing,
// the import writes every row of the month or nothing, a second import of the month supersedes the
// first (kept), the month's figures per unit with totals, scope, roles and tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { todayShanghai } from './lib/idnumber.mjs';
import { makeXlsx } from './lib/xlsx.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const enc = encodeURIComponent;
const monthOf = (iso, back) => {
  const d = new Date(`${iso.slice(0, 7)}-15T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
};
// Months no demo import uses (the demo imports the last three months).
const P1 = monthOf(TODAY, 10);
const P2 = monthOf(TODAY, 11);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csv = (rows) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
const HEADER = ['组织名称', '成员数', '注册人数', '注册率', '活跃度', '人均积分'];
const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));

async function upload(c, path, bytes, type = 'text/csv') {
  return c.request('POST', path, undefined, { rawBody: bytes, headers: { 'content-type': type } });
}

test('setup: sessions and three 大足 branches with names of their own', async () => {
  for (const u of ['admin', 'secretary', 'leader', 'auditor', 'member']) s[u] = await loginAs(srv.url, u, DEMO_PASSWORD);
  const tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  const branches = tree.filter((u) => u.kind === 'branch');
  s.units = branches.filter((u) => branches.filter((x) => x.name === u.name).length === 1).slice(0, 3);
  assert.equal(s.units.length, 3);
  s.general = tree.find((u) => u.kind === 'general_branch' && tree.some((c) => c.parent_id === u.id && c.kind === 'branch'));
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  const ours = new Set(tree.map((u) => u.name));
  s.foreign = all.find((u) => u.tenant_id !== tree[0].tenant_id && u.kind === 'branch' && !ours.has(u.name)).name;
  s.good = csv([HEADER, [s.units[0].name, 20, 19, '95%', '80.5%', '1523.6'], [s.units[1].name, 12, 12, '', '', ''],
    [s.units[2].name, 8, 6, '75.0%', '60%', '900'], ['合计', 40, 37, '', '', '']]);
});

test('preview: rows matched to units, totals, nothing written', async () => {
  const before = count('xuexi_imports');
  const b = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import/preview?period=${P1}`, s.good), 200);
  assert.equal(b.rows, 3, show({ body: b }));
  assert.equal(b.valid_rows, 3);
  assert.deepEqual(b.errors, []);
  assert.deepEqual(b.items.map((i) => i.unit_id), s.units.map((u) => u.id));
  assert.equal(b.items[0].registration_rate, 950);
  assert.equal(b.items[0].active_rate, 805);
  assert.equal(b.items[0].avg_points, 1523.6);
  assert.equal(b.items[1].registration_rate, 1000, 'computed from the counts when the file has none');
  assert.equal(b.total.members, 40);
  assert.equal(b.total.registered, 37);
  assert.equal(b.total.registration_rate, 925, '37 / 40');
  // active rate weighted by members over the rows that have it: (805*20 + 600*8) / 28 = 746.4
  assert.equal(b.total.active_rate, 746);
  assert.equal(b.total.registration_rate_text, '92.5%');
  assert.equal(count('xuexi_imports'), before, 'a preview writes nothing');
});

test('preview and import: every row error by line and field; the import writes nothing', async () => {
  const bad = csv([HEADER, [s.units[0].name, 20, 21, '', '', ''], ['没有这个支部', 5, 5, '', '', ''],
    [s.foreign, 5, 5, '', '', ''], [s.units[1].name, 10, 9, '120%', 'x', '-1'], [s.units[0].name, 3, 3, '', '', '']]);
  const p = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import/preview?period=${P1}`, bad), 200);
  assert.deepEqual(p.errors.map((e) => `${e.line}|${e.field}`),
    ['2|registered', '3|unit', '4|unit', '5|registration_rate', '5|active_rate', '5|avg_points', '6|unit']);
  assert.match(p.errors[1].message, /没有名为“没有这个支部”/);
  assert.match(p.errors[2].message, new RegExp(s.foreign), 'another hospital\'s branch is unknown here');
  assert.equal(p.valid_rows, 0);
  const before = count('xuexi_stats');
  const res = await upload(s.admin, `/api/v1/study/xuexi/import?period=${P1}`, bad);
  const e = expectProblem(res, 400, 'file');
  assert.match(e.message, /7 处错误，未导入任何数据。第2行“注册人数”/);
  assert.equal(res.body.rows.length, 7);
  assert.equal(count('xuexi_stats'), before);
});

test('validation: period required, a real month, not before 2019 nor after this month; a file required; no header', async () => {
  expectProblem(await upload(s.admin, '/api/v1/study/xuexi/import', s.good), 400, 'period', '请选择统计月份');
  expectProblem(await upload(s.admin, '/api/v1/study/xuexi/import?period=2026-13', s.good), 400, 'period');
  expectProblem(await upload(s.admin, '/api/v1/study/xuexi/import?period=2018-12', s.good), 400, 'period');
  expectProblem(await upload(s.admin, `/api/v1/study/xuexi/import?period=${monthOf(TODAY, -1)}`, s.good), 400, 'period', '统计月份不能晚于本月');
  expectProblem(await upload(s.admin, `/api/v1/study/xuexi/import/preview?period=${P1}`, Buffer.alloc(0)), 400, 'file', '请选择要导入的文件');
  const p = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import/preview?period=${P1}`, csv([['姓名', '积分'], ['张三', 1]])), 200);
  assert.equal(p.errors[0].field, 'file');
  expectProblem(await upload(s.admin, `/api/v1/study/xuexi/import/preview?period=${P1}`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])), 400, 'file');
});

test('import: 201, audited; the month shows per unit with totals; a second import supersedes the first and keeps it', async () => {
  const b = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import?period=${P1}&file_name=${enc('学习强国10月.csv')}`, s.good), 201);
  assert.equal(b.period, P1);
  assert.equal(b.rows, 3);
  assert.equal(b.current, true);
  assert.equal(b.file_name, '学习强国10月.csv');
  assert.equal(b.imported_by, '刘晓燕');
  assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'import' AND record_type = 'xuexi_import' AND record_id = '${b.id}'`)), 1);
  let m = expectJson(await s.admin.get(`/api/v1/study/xuexi?period=${P1}`), 200);
  assert.equal(m.items.length, 3);
  assert.equal(m.total.registered, 37);
  assert.ok(m.periods.includes(P1));

  const again = csv([HEADER, [s.units[0].name, 20, 20, '', '90%', '1600']]);
  const b2 = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import?period=${P1}`, again), 201);
  m = expectJson(await s.admin.get(`/api/v1/study/xuexi?period=${P1}`), 200);
  assert.deepEqual(m.items.map((i) => [i.unit_id, i.registered]), [[s.units[0].id, 20]]);
  const imports = expectJson(await s.admin.get('/api/v1/study/xuexi/imports'), 200).items.filter((i) => i.period === P1);
  assert.deepEqual(imports.map((i) => [i.id, i.current]), [[b2.id, true], [b.id, false]]);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM xuexi_stats WHERE import_id = ${b.id}`)), 3, 'the superseded rows are kept');
});

test('import of the .xlsx the platform exports: a title row, percent cells stored as fractions', async () => {
  const x = makeXlsx([['学习强国组织学习情况统计'], ['党组织名称', '党员人数', '激活人数', '激活率', '活跃率', '人均学习积分'],
    [s.units[1].name, '10', '9', '0.9', '0.853', '2001.25']]);
  const b = expectJson(await upload(s.admin, `/api/v1/study/xuexi/import?period=${P2}`, x, XLSX), 201);
  assert.equal(b.rows, 1);
  const m = expectJson(await s.admin.get(`/api/v1/study/xuexi?period=${P2}`), 200);
  assert.equal(m.items[0].registration_rate, 900);
  assert.equal(m.items[0].active_rate, 853);
  assert.equal(m.items[0].avg_points, 2001.3);
});

test('filters: org narrows to a subtree (404 outside the hospital); a bad period is refused', async () => {
  const demo = expectJson(await s.admin.get('/api/v1/study/xuexi'), 200);
  assert.ok(demo.period, 'the latest month by default');
  assert.ok(demo.items.length > 0, 'demo data has the latest month');
  const sub = expectJson(await s.admin.get(`/api/v1/study/xuexi?period=${demo.period}&org=${s.general.id}`), 200);
  assert.ok(sub.items.length > 0 && sub.items.length < demo.items.length, show({ body: sub }));
  const tree = expectJson(await s.admin.get(`/api/v1/org/tree`), 200).items;
  const inside = new Set(tree.filter((u) => u.path.startsWith(s.general.path)).map((u) => u.id));
  assert.ok(sub.items.every((i) => inside.has(i.unit_id)));
  const jb = expectJson(await s.secretary.get('/api/v1/org/tree'), 200).items[0];
  expectProblem(await s.admin.get(`/api/v1/study/xuexi?org=${jb.id}`), 404);
  expectProblem(await s.admin.get('/api/v1/study/xuexi?period=abc'), 400, 'period');
});

test('roles and scope: the secretary reads only their branch and may not import; a member reads nothing; the superior committee reads every hospital', async () => {
  expectProblem(await upload(s.secretary, `/api/v1/study/xuexi/import/preview?period=${P1}`, s.good), 403);
  expectProblem(await upload(s.secretary, `/api/v1/study/xuexi/import?period=${P1}`, s.good), 403);
  expectProblem(await upload(s.leader, `/api/v1/study/xuexi/import?period=${P1}`, s.good), 403);
  expectProblem(await s.member.get('/api/v1/study/xuexi'), 403);
  const own = expectJson(await s.secretary.get('/api/v1/org/tree'), 200).items;
  const mine = new Set(own.map((u) => u.id));
  const sec = expectJson(await s.secretary.get('/api/v1/study/xuexi'), 200);
  assert.ok(sec.items.length >= 1, 'the demo holds the secretary\'s branch');
  assert.ok(sec.items.every((i) => mine.has(i.unit_id)), show({ body: sec }));
  const leader = expectJson(await s.leader.get(`/api/v1/study/xuexi?period=${P1}`), 200);
  assert.equal(leader.items.length, 1);
  const all = expectJson(await s.auditor.get('/api/v1/study/xuexi'), 200);
  assert.ok(new Set(all.items.map((i) => i.tenant_id)).size >= 2, 'rows of several hospitals');
  expectProblem(await upload(s.auditor, `/api/v1/study/xuexi/import?period=${P1}`, s.good), 403);
});

test('tenant isolation: another hospital sees neither the rows nor the imports', async () => {
  const sec = expectJson(await s.secretary.get(`/api/v1/study/xuexi?period=${P1}`), 200);
  assert.deepEqual(sec.items, []);
  const imports = expectJson(await s.secretary.get('/api/v1/study/xuexi/imports'), 200).items;
  assert.ok(imports.every((i) => i.period !== P1 && i.tenant_id !== s.units[0].tenant_id), show({ body: imports }));
});
