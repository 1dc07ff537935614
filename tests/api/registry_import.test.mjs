// Import of the county's 建档立卡 list (docs/health-api.md, "Files"): the template, a preview with
// per-row, per-field Chinese errors that writes nothing, the import as a job — nothing written
// while the file has errors unless the user imports only the valid rows — idempotent on a second
// run (matched by ID number), a changed row updating with history; .csv and .xlsx alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD, sleep } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { idNumber, withBadCheck } from './lib/idnumber.mjs';
import { makeXlsx, sheetRows } from './lib/xlsx.mjs';

const srv = useServer();
const s = {};
const COLUMNS = ['村', '户编号', '姓名', '身份证号', '与户主关系', '联系电话', '致贫原因', '户类型', '状态日期', '慢性病', '残疾', '人均纯收入(元)'];
const csvCell = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows) => Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
// Region 500195: used by no other test and not by the demo.
const id = (n, sex = '男', birth = '1970-01-01') => idNumber({ birth, sex, seq: n, region: '500195' });
const personCount = () => Number(srv.sql('SELECT count(*) FROM persons'));
const householdCount = () => Number(srv.sql('SELECT count(*) FROM households'));

// Three households: by village name, by village code, a 监测对象 written as its kind alone.
function goodRows() {
  return [
    ['东林村', 'IMP001', '导入户主甲', id(1), '户主', '13900000001', '因病', '脱贫', '2019/12/20', '高血压', '', '12500.50'],
    ['', 'IMP001', '导入妻甲', id(2, '女'), '妻', '', '', '', '', '', '肢体二级', ''],
    ['500111103201', 'IMP002', '导入户主乙', id(3), '户主', '', '因残', '边缘易致贫户', '2023年6月30日', '', '视力一级', '8000'],
    ['', 'IMP002', '导入子乙', id(4, '男', '2001-05-06'), '子', '13900000004', '', '', '', '2型糖尿病，高血压', '', ''],
    ['麻杨村', 'IMP003', '导入户主丙', id(5, '女'), '户主', '', '缺劳力', '未脱贫', '2016-03-15', '', '', ''],
    ['', 'IMP003', '导入孙丙', id(6, '男', '2020-02-29'), '孙子女', '', '', '', '', '', '', ''],
  ];
}

async function upload(c, path, bytes, contentType = 'text/csv') {
  return c.request('POST', path, undefined, { rawBody: bytes, headers: { 'content-type': contentType } });
}
async function runImport(c, bytes, query = '', contentType = 'text/csv') {
  const b = expectJson(await upload(c, `/api/v1/registry/import${query}`, bytes, contentType), 202);
  const deadline = Date.now() + 120000;
  for (;;) {
    const j = expectJson(await c.get(`/api/v1/jobs/${b.job_id}`), 200);
    if (j.state !== 'running') return j;
    assert.ok(Date.now() < deadline, `job still running: ${JSON.stringify(j)}`);
    await sleep(150);
  }
}

test('setup: sessions', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.outreach = await loginAs(srv.url, 'outreach', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
});

test('template: an .xlsx with the columns; only with health:registry:import', async () => {
  const res = await fetch(`${srv.url}/api/v1/registry/import/template`, { headers: { cookie: s.admin.cookieHeader() } });
  assert.equal(res.status, 200);
  const rows = sheetRows(Buffer.from(await res.arrayBuffer()));
  assert.deepEqual(rows[0].slice(0, COLUMNS.length), COLUMNS);
  expectProblem(await s.outreach.get('/api/v1/registry/import/template'), 403);
  expectProblem(await upload(s.outreach, '/api/v1/registry/import/preview', csv([COLUMNS, ...goodRows()])), 403);
  expectProblem(await upload(s.leader, '/api/v1/registry/import', csv([COLUMNS, ...goodRows()])), 403);
});

test('preview of a valid file: what would happen, nothing written', async () => {
  const persons = personCount();
  const p = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', csv([COLUMNS, ...goodRows()])), 200);
  assert.deepEqual(p.errors, []);
  assert.equal(p.rows, 6);
  assert.equal(p.valid_rows, 6);
  assert.equal(p.households_created, 3);
  assert.equal(p.persons_created, 6);
  assert.equal(p.unchanged, 0);
  assert.equal(personCount(), persons);
  expectProblem(await upload(s.admin, '/api/v1/registry/import/preview', Buffer.alloc(0)), 400, 'file');
});

test('import a valid file: households and persons created with history; re-import changes nothing', async () => {
  const persons = personCount();
  const households = householdCount();
  const imported = () => Number(srv.sql(`SELECT count(*) FROM registry_history WHERE note = '导入'`));
  const historyBefore = imported();
  const j = await runImport(s.admin, csv([COLUMNS, ...goodRows()]));
  assert.equal(j.state, 'done', JSON.stringify(j));
  assert.equal(j.result.households_created, 3);
  assert.equal(j.result.persons_created, 6);
  assert.equal(personCount(), persons + 6);
  assert.equal(householdCount(), households + 3);
  assert.equal(imported(), historyBefore + 9, 'a history row per household and per person');
  // Every new household has its 户主 set, and every member points at a household of the import.
  assert.equal(Number(srv.sql(`SELECT count(*) FROM households WHERE number LIKE 'IMP%' AND head_person_id IS NULL`)), 0);
  const list = expectJson(await s.admin.get('/api/v1/registry/households?q=IMP002'), 200).items;
  assert.equal(list.length, 1);
  const h = expectJson(await s.admin.get(`/api/v1/registry/households/${list[0].id}`), 200);
  assert.equal(h.village_name, '明月村');
  assert.equal(h.status, '监测对象');
  assert.equal(h.monitor_kind, '边缘易致贫户');
  assert.equal(h.status_since, '2023-06-30');
  assert.equal(h.income_fen, 800000);
  assert.equal(h.head_name, '导入户主乙');
  assert.equal(h.persons.length, 2);
  assert.deepEqual(h.persons.find((p) => p.name === '导入子乙').chronic, ['2型糖尿病', '高血压']);
  assert.ok(h.history.some((e) => e.kind === 'create' && e.note === '导入'));
  const first = expectJson(await s.admin.get('/api/v1/registry/households?q=IMP001'), 200).items[0];
  assert.equal(first.income_fen, 1250050);
  assert.equal(first.village_name, '东林村');
  // One audit row for the import, with its counts.
  const audit = srv.rows(`SELECT after_json FROM audit_log WHERE action = 'import' AND record_type = 'household' ORDER BY seq DESC LIMIT 1`);
  assert.equal(JSON.parse(audit[0][0]).persons_created, 6);

  const again = await runImport(s.admin, csv([COLUMNS, ...goodRows()]));
  assert.equal(again.state, 'done', JSON.stringify(again));
  assert.deepEqual([again.result.households_created, again.result.persons_created, again.result.persons_updated, again.result.households_updated, again.result.unchanged], [0, 0, 0, 0, 6]);
  assert.equal(personCount(), persons + 6);
  const history = Number(srv.sql('SELECT count(*) FROM registry_history'));
  const preview = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', csv([COLUMNS, ...goodRows()])), 200);
  assert.equal(preview.unchanged, 6);
  assert.equal(Number(srv.sql('SELECT count(*) FROM registry_history')), history);
});

test('a changed row updates the record with history; the same file as .xlsx is read alike', async () => {
  const rows = goodRows();
  rows[3][5] = '13900000044';          // a new phone
  rows[2][7] = '脱贫';                 // the household is no longer monitored
  rows[2][8] = '2025-12-01';
  const j = await runImport(s.admin, makeXlsx([COLUMNS, ...rows]), '', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(j.state, 'done', JSON.stringify(j));
  assert.equal(j.result.persons_updated, 1);
  assert.equal(j.result.households_updated, 1);
  assert.equal(j.result.unchanged, 5);
  const h = expectJson(await s.admin.get(`/api/v1/registry/households/${expectJson(await s.admin.get('/api/v1/registry/households?q=IMP002'), 200).items[0].id}`), 200);
  assert.equal(h.status, '脱贫');
  assert.equal(h.monitor_kind, null);
  const change = h.history.find((e) => e.kind === 'status');
  assert.deepEqual([change.before.status, change.after.status], ['监测对象', '脱贫']);
  const phone = h.history.find((e) => e.entity === 'person' && e.kind === 'update');
  assert.deepEqual([phone.before.phone, phone.after.phone], ['139****0004', '139****0044']);
});

test('a file with errors: per-row, per-field Chinese errors; the import writes nothing; valid rows only when asked', async () => {
  const rows = [
    ['东林村', 'ERR001', '正确户主', id(11), '户主', '', '因病', '脱贫', '2020-01-01', '', '', ''],             // 2: valid
    ['', 'ERR001', '校验位错', withBadCheck(id(12)), '子', '', '', '', '', '', '', ''],                          // 3
    ['', 'ERR001', '关系错', id(13), '表哥', '', '', '', '', '', '', ''],                                         // 4
    ['', 'ERR001', '重复', id(11), '子', '', '', '', '', '', '', ''],                                             // 5: same ID as line 2
    ['不存在村', 'ERR002', '无村户主', id(14), '户主', '', '因病', '脱贫', '2020-01-01', '', '', ''],            // 6
    ['', 'ERR002', '无村成员', id(15), '妻', '', '', '', '', '', '', ''],                                         // 7: its 户主 failed
    ['', 'ERR003', '无户主', id(16), '子', '', '', '', '', '', '', ''],                                           // 8
    ['明月村', 'ERR004', '收入错', id(17), '户主', '', '因懒', '脱贫', '2020-13-01', '痛风', '腿脚不便', '-5'], // 9
    ['', 'IMP001', '已在别户', id(3), '子', '', '', '', '', '', '', ''],                                          // 10: registered in IMP002
    ['永和村', 'ERR005', '越界户主', id(18), '户主', '', '因病', '脱贫', '2020-01-01', '', '', ''],              // 11: fine for admin
  ];
  const file = csv([COLUMNS, ...rows]);
  const persons = personCount();
  const p = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', file), 200);
  const keys = p.errors.map((e) => `${e.line}|${e.field}`);
  for (const k of ['3|id_number', '4|relation', '5|id_number', '6|village_code', '7|number', '8|number', '9|poverty_cause', '9|status_since', '9|chronic', '9|disability', '9|income_fen', '10|id_number'])
    assert.ok(keys.includes(k), `${k} in ${keys}`);
  assert.ok(!keys.some((k) => k.startsWith('2|') || k.startsWith('11|')), `lines 2 and 11 are valid: ${keys}`);
  for (const e of p.errors) assert.ok(/[\u4e00-\u9fff]/.test(e.message) && e.column, JSON.stringify(e));
  assert.equal(p.errors.find((e) => e.line === 3).message, '身份证号校验位错误');
  assert.equal(p.errors.find((e) => e.line === 3).column, '身份证号');
  assert.equal(p.errors.find((e) => e.line === 5).message, '身份证号与第 2 行重复');
  assert.match(p.errors.find((e) => e.line === 10).message, /^该身份证号已登记：明月村 导入户主乙/);
  assert.equal(p.valid_rows, 2);

  const failed = await runImport(s.admin, file);
  assert.equal(failed.state, 'failed');
  assert.ok(failed.errors.length >= 12, JSON.stringify(failed.errors));
  assert.equal(personCount(), persons, 'nothing written');

  const partial = await runImport(s.admin, file, '?valid_only=1');
  assert.equal(partial.state, 'done', JSON.stringify(partial));
  assert.equal(partial.result.persons_created, 2);
  assert.equal(partial.result.households_created, 2);
  assert.equal(personCount(), persons + 2);
});

test('the outreach login cannot import; an admin file naming a village by an ambiguous or unknown name is refused per row', async () => {
  const p = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', csv([COLUMNS, ['500111103299', 'ERR9', '代码错', id(21), '户主', '', '因病', '脱贫', '2020-01-01', '', '', '']])), 200);
  assert.equal(p.errors[0].field, 'village_code');
  const noHeader = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', csv([['a', 'b'], ['1', '2']])), 200);
  assert.equal(noHeader.errors[0].line, 1);
  const missing = expectJson(await upload(s.admin, '/api/v1/registry/import/preview', csv([COLUMNS.filter((c) => c !== '户编号'), ['x']])), 200);
  assert.ok(missing.errors.some((e) => e.field === 'number' && e.message === '缺少“户编号”列'));
});
