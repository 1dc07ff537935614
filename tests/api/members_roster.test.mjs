// The member roster as a file (docs/party-api.md, "Reading" export and "Import"): the .xlsx export
// (masked, or full and audited), and the import of .csv/.xlsx files — a preview that writes
// nothing, then a job that writes every row in one transaction or nothing at all, idempotent on a
// second run. The .xlsx files are read and written in plain JavaScript (lib/xlsx.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD, sleep } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem, show } from './lib/client.mjs';
import { idNumber, withBadCheck, checkChar, todayShanghai, maskId } from './lib/idnumber.mjs';
import { readZip, makeXlsx, sheetRows, excelSerial } from './lib/xlsx.mjs';

const srv = useServer();
const s = {};
const DAZU = '大足区人民医院';
const JB = '重庆市红十字会医院（江北区人民医院）';
const TODAY = todayShanghai();
const enc = encodeURIComponent;
const q = (v) => `'${String(v).replace(/'/g, "''")}'`;
const COLUMNS = ['姓名', '性别', '公民身份号码', '民族', '籍贯', '学历', '人员类别', '所在党组织', '党员类别', '入党日期', '转正日期', '工作岗位', '联系电话', '是否困难党员', '困难情况', '是否流动党员', '外出流向', '外出日期'];
const FULL_ID = /\d{17}[\dX]/;
const MASKED_ID = /^\d{3}\*{11}\d{3}[\dX]$/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


// ---- helpers ----
const csvCell = (v) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = res.headers.get('content-type')?.includes('json') ? buf.toString('utf8') : '';
  return { status: res.status, headers: res.headers, buf, body: text ? JSON.parse(text) : null, text, contentType: res.headers.get('content-type') || '', method: 'GET', path };
}
async function upload(c, path, bytes, contentType = 'text/csv') {
  return c.request('POST', path, undefined, { rawBody: bytes, headers: { 'content-type': contentType } });
}
async function waitJob(c, id) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const j = expectJson(await c.get(`/api/v1/jobs/${id}`), 200);
    if (j.state !== 'running') return j;
    assert.ok(Date.now() < deadline, `job ${id} still running: ${JSON.stringify(j)}`);
    await sleep(150);
  }
}
async function importFile(c, bytes, contentType) {
  const res = await upload(c, '/api/v1/members/import', bytes, contentType);
  const b = expectJson(res, 202);
  assert.match(String(b.job_id), /^[0-9a-f]{16,}$/i, `job id: ${show(res)}`);
  return { id: b.job_id, job: await waitJob(c, b.job_id) };
}
const memberCount = () => Number(srv.sql(`SELECT count(*) FROM members`));
const errKeys = (errors) => errors.map((e) => `${e.line}|${e.field}`).sort();

function row(over) {
  const r = {
    姓名: '', 性别: '男', 公民身份号码: '', 民族: '汉族', 籍贯: '重庆市大足区', 学历: '大学本科', 人员类别: '在岗职工', 所在党组织: '',
    党员类别: '正式', 入党日期: '2015-07-01', 转正日期: '2016-07-01', 工作岗位: '护师', 联系电话: '', 是否困难党员: '否', 困难情况: '', 是否流动党员: '否', 外出流向: '', 外出日期: '', ...over,
  };
  return COLUMNS.map((c) => r[c]);
}

test('setup: sessions; five 大足 branches with unique names; the good roster', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.tree = expectJson(await s.admin.get('/api/v1/org/tree'), 200).items;
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.tenant = s.tree[0].tenant_id;
  const named = s.tree.filter((u) => u.kind === 'branch' || u.kind === 'group');
  const unique = named.filter((u) => u.kind === 'branch' && named.filter((x) => x.name === u.name).length === 1);
  assert.ok(unique.length >= 6);
  s.units = unique.slice(0, 5);
  s.spare = unique[5];
  const ours = new Set(named.map((u) => u.name));
  s.foreignUnit = s.all.find((u) => u.tenant_name === JB && u.kind === 'branch' && !ours.has(u.name)).name;
  const names = ['导入甲', '导入乙', '导入丙', '导入丁', '导入戊'];
  s.good = names.map((name, i) => {
    const sex = i % 2 ? '女' : '男';
    return { name, sex, id: idNumber({ birth: `198${i}-0${i + 1}-1${i}`, sex, seq: 300 + i }), unit: s.units[i].name, phone: `1360000000${i}` };
  });
  s.goodRows = s.good.map((g, i) => row({ 姓名: g.name, 性别: g.sex, 公民身份号码: g.id, 所在党组织: g.unit, 联系电话: g.phone, ...(i === 1 ? { 党员类别: '预备党员', 入党日期: '2026/1/5', 转正日期: '' } : {}), ...(i === 2 ? { 入党日期: '2015年7月1日', 转正日期: '2016.07.01' } : {}), ...(i === 3 ? { 是否流动党员: '是', 外出流向: '浙江省杭州市', 外出日期: '2024-05-01' } : {}), ...(i === 4 ? { 是否困难党员: '是' } : {}) }));
  // A 预备 who joined on 2026-01-05 must not be in the future.
  if (TODAY < '2026-01-05') s.goodRows[1][COLUMNS.indexOf('入党日期')] = '2025/1/5';
  s.goodCsv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([COLUMNS, ...s.goodRows]), 'utf8')]);
});

test('export (admin): an .xlsx named 党员名册-<date>.xlsx, title and header rows, every member with masked ID number and phone', async () => {
  const r = await download(s.admin, '/api/v1/members/export');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.contentType, XLSX_TYPE);
  assert.equal(r.buf.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const cd = r.headers.get('content-disposition') || '';
  assert.match(cd, /^attachment;/);
  const star = /filename\*=UTF-8''([^;]+)/.exec(cd);
  assert.ok(star, `filename*: ${cd}`);
  assert.equal(decodeURIComponent(star[1]), `党员名册-${TODAY}.xlsx`);
  const rows = sheetRows(r.buf);
  assert.ok(rows[0][0].includes(DAZU), `a title row naming the hospital: ${rows[0]}`);
  assert.deepEqual(rows[1], ['序号', ...COLUMNS]);
  const data = rows.slice(2);
  assert.equal(data.length, 430);
  assert.deepEqual(data.map((x) => x[0]), data.map((_, i) => String(i + 1)), '序号 1..n');
  const idCol = 1 + COLUMNS.indexOf('公民身份号码');
  const phoneCol = 1 + COLUMNS.indexOf('联系电话');
  for (const x of data) {
    assert.match(x[idCol], MASKED_ID);
    assert.ok(x[phoneCol] === '' || /^1\d{2}\*{4}\d{4}$/.test(x[phoneCol]), `masked phone ${x[phoneCol]}`);
    assert.ok(['正式', '预备'].includes(x[1 + COLUMNS.indexOf('党员类别')]));
  }
  assert.ok(!FULL_ID.test(readZip(r.buf, 'xl/worksheets/sheet1.xml')), 'no full ID number in the file');
  const list = expectJson(await s.admin.get('/api/v1/members?size=200'), 200).items;
  const first = data.find((x) => x[1] === list[0].name);
  assert.ok(first, 'the list\'s first member is in the file');
  assert.equal(first[idCol], list[0].id_number);
  // The list's filters apply.
  const b = s.units[0];
  const byOrg = sheetRows((await download(s.admin, `/api/v1/members/export?org=${b.id}`)).buf).slice(2);
  assert.equal(byOrg.length, b.members);
  assert.ok(byOrg.every((x) => x[1 + COLUMNS.indexOf('所在党组织')] === b.name));
  const women = sheetRows((await download(s.admin, `/api/v1/members/export?sex=${enc('女')}`)).buf).slice(2);
  assert.equal(women.length, expectJson(await s.admin.get(`/api/v1/members?size=1&sex=${enc('女')}`), 200).total);
  assert.ok(women.every((x) => x[2] === '女'));
  expectProblem(await s.admin.get('/api/v1/members/export?status=x'), 400, 'status');
});

test('export full=1 by admin: full ID numbers and phones, audited export_pii with the row count', async () => {
  const before = Number(srv.sql(`SELECT count(*) FROM audit_log WHERE tenant_id = ${s.tenant} AND action = 'export_pii'`));
  const r = await download(s.admin, `/api/v1/members/export?full=1&org=${s.units[1].id}`);
  assert.equal(r.status, 200, r.text);
  const data = sheetRows(r.buf).slice(2);
  assert.equal(data.length, s.units[1].members);
  const idCol = 1 + COLUMNS.indexOf('公民身份号码');
  for (const x of data) {
    assert.match(x[idCol], /^\d{17}[\dX]$/);
    assert.equal(checkChar(x[idCol].slice(0, 17)), x[idCol][17]);
    assert.match(x[1 + COLUMNS.indexOf('联系电话')], /^1[3-9]\d{9}$/);
  }
  const masked = expectJson(await s.admin.get(`/api/v1/members?size=200&org=${s.units[1].id}`), 200).items;
  assert.deepEqual(data.map((x) => maskId(x[idCol])).sort(), masked.map((m) => m.id_number).sort());
  const rows = srv.rows(`SELECT result, username, record_type, after_json FROM audit_log WHERE tenant_id = ${s.tenant} AND action = 'export_pii' ORDER BY seq`);
  assert.equal(rows.length, before + 1);
  const [result, username, recordType, after] = rows.at(-1);
  assert.equal(result, 'ok');
  assert.equal(username, 'admin');
  assert.equal(recordType, 'member');
  assert.equal(JSON.parse(after).rows, data.length, `row count in the audit row: ${after}`);
  assert.ok(!FULL_ID.test(after), 'the audit row holds no ID number');
});

test('export: secretary masked only (full=1 → 403); leader, auditor and member have no export (403)', async () => {
  const r = await download(s.secretary, '/api/v1/members/export');
  assert.equal(r.status, 200);
  const data = sheetRows(r.buf).slice(2);
  const total = expectJson(await s.secretary.get('/api/v1/members?size=1'), 200).total;
  assert.equal(data.length, total);
  assert.ok(data.length > 0 && data.length < 138, 'only the branch');
  assert.ok(!FULL_ID.test(readZip(r.buf, 'xl/worksheets/sheet1.xml')));
  const full = await download(s.secretary, '/api/v1/members/export?full=1');
  expectProblem(full, 403);
  assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'export_pii' AND username = 'secretary' AND result = 'ok'`)), 0);
  expectProblem(await download(s.leader, '/api/v1/members/export'), 403);
  expectProblem(await download(s.auditor, '/api/v1/members/export'), 403);
  expectProblem(await download(s.member, '/api/v1/members/export'), 403);
});

test('import preview of a good CSV: 5 to create, no errors, nothing written', async () => {
  const before = memberCount();
  const res = await upload(s.admin, '/api/v1/members/import/preview', s.goodCsv);
  const p = expectJson(res, 200);
  assert.deepEqual(p, { rows: 5, valid_rows: 5, create: 5, update: 0, unchanged: 0, errors: [] });
  assert.equal(memberCount(), before, 'preview writes nothing');
});

test('import preview of a file with bad rows: errors with line, field, column and a Chinese message; nothing written', async () => {
  const before = memberCount();
  const dupId = idNumber({ birth: '1979-09-09', sex: '男', seq: 350 });
  const rows = [
    COLUMNS,
    row({ 姓名: '坏校验位', 公民身份号码: withBadCheck(idNumber({ birth: '1980-01-01', seq: 351 })), 所在党组织: s.units[0].name }), // 2
    row({ 姓名: '无此支部', 公民身份号码: idNumber({ birth: '1980-01-02', seq: 352 }), 所在党组织: '不存在的党支部' }), // 3
    row({ 姓名: '学历错误', 公民身份号码: idNumber({ birth: '1980-01-03', seq: 353 }), 所在党组织: s.units[0].name, 学历: '博士后' }), // 4
    row({ 姓名: '日期错误', 公民身份号码: idNumber({ birth: '1980-01-04', seq: 354 }), 所在党组织: s.units[0].name, 入党日期: '去年七月' }), // 5
    row({ 姓名: '重复甲', 公民身份号码: dupId, 所在党组织: s.units[0].name }), // 6
    row({ 姓名: '重复乙', 公民身份号码: dupId, 所在党组织: s.units[1].name }), // 7
    row({ 姓名: '他院支部', 公民身份号码: idNumber({ birth: '1980-01-05', seq: 355 }), 所在党组织: s.foreignUnit }), // 8 (a 江北 branch)
    row({ 姓名: '是否错误', 公民身份号码: idNumber({ birth: '1980-01-06', seq: 356 }), 所在党组织: s.units[0].name, 是否困难党员: '也许' }), // 9
    row({ 姓名: '好人一个', 公民身份号码: idNumber({ birth: '1980-01-07', seq: 357 }), 所在党组织: s.units[0].name }), // 10
    row({ 姓名: '', 公民身份号码: idNumber({ birth: '1980-01-08', seq: 358 }), 所在党组织: s.units[0].name }), // 11
  ];
  s.badCsv = Buffer.from(csv(rows), 'utf8');
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', s.badCsv), 200);
  assert.equal(p.rows, 10);
  const want = ['2|id_number', '3|unit', '4|education', '5|joined_on', '7|id_number', '8|unit', '9|hardship', '11|name'];
  for (const k of want) assert.ok(errKeys(p.errors).includes(k), `error ${k} in ${JSON.stringify(p.errors)}`);
  assert.ok(!p.errors.some((e) => e.line === 6 || e.line === 10), 'the first of two equal numbers and the good row have no error');
  for (const e of p.errors) {
    for (const k of ['line', 'field', 'column', 'message']) assert.ok(k in e, `error has ${k}: ${JSON.stringify(e)}`);
    assert.ok(/[\u4e00-\u9fff]/.test(e.message), `Chinese message: ${e.message}`);
  }
  const colOf = { id_number: '公民身份号码', unit: '所在党组织', education: '学历', joined_on: '入党日期', hardship: '是否困难党员', name: '姓名' };
  for (const e of p.errors) if (colOf[e.field]) assert.equal(e.column, colOf[e.field], `column of ${e.field}`);
  assert.ok(p.errors.find((e) => e.line === 7 && e.field === 'id_number').message.includes('6'), 'the duplicate names the first line');
  assert.equal(p.valid_rows, 2, 'rows 6 and 10');
  assert.deepEqual(p.errors.map((e) => e.line), [...p.errors.map((e) => e.line)].sort((a, b) => a - b), 'errors in line order');
  s.badErrors = p.errors;
  assert.equal(memberCount(), before);
});

test('import preview: invalid rows are not counted as rows to create', async () => {
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', s.badCsv), 200);
  assert.ok(p.create + p.update + p.unchanged <= p.valid_rows, `create ${p.create} + update ${p.update} + unchanged ${p.unchanged} ≤ valid_rows ${p.valid_rows}`);
});

test('import preview: a row with a short or missing ID number in a known unit is a row error, not a 500', async () => {
  const f = csv([COLUMNS, row({ 姓名: '短号码', 公民身份号码: '123', 所在党组织: s.units[0].name }), row({ 姓名: '无号码', 公民身份号码: '', 所在党组织: s.units[0].name })]);
  const res = await upload(s.admin, '/api/v1/members/import/preview', Buffer.from(f, 'utf8'));
  const p = expectJson(res, 200);
  assert.ok(errKeys(p.errors).includes('2|id_number') && errKeys(p.errors).includes('3|id_number'), JSON.stringify(p.errors));
});

test('import of the bad file: 202, the job fails with the same errors and writes nothing', async () => {
  const before = memberCount();
  const audited = () => Number(srv.sql(`SELECT count(*) FROM audit_log WHERE record_type = 'member' AND action IN ('create', 'update')`));
  const auditBefore = audited();
  const { job } = await importFile(s.admin, s.badCsv);
  assert.equal(job.state, 'failed', JSON.stringify(job));
  assert.equal(job.kind, 'party.members.import');
  assert.deepEqual(errKeys(job.errors), errKeys(s.badErrors));
  for (const e of job.errors) assert.ok(e.column !== undefined && e.message, JSON.stringify(e));
  assert.equal(job.result, null);
  assert.equal(memberCount(), before, 'nothing written');
  assert.equal(Number(srv.sql(`SELECT count(*) FROM members WHERE name IN ('好人一个', '重复甲')`)), 0);
  assert.equal(audited(), auditBefore, 'no member audited');
});

test('import of the good file: done, {created: 5}, members present and audited; again: unchanged 5', async () => {
  const before = memberCount();
  const { job } = await importFile(s.admin, s.goodCsv);
  assert.equal(job.state, 'done', JSON.stringify(job));
  assert.equal(job.percent, 100);
  assert.deepEqual(job.result, { created: 5, updated: 0, unchanged: 0 });
  assert.deepEqual(job.errors, []);
  assert.equal(memberCount(), before + 5);
  for (const [i, g] of s.good.entries()) {
    const found = expectJson(await s.admin.get(`/api/v1/members?q=${g.id}`), 200).items;
    assert.equal(found.length, 1, `${g.name} imported`);
    const m = found[0];
    assert.equal(m.name, g.name);
    assert.equal(m.unit_id, s.units[i].id);
    assert.equal(m.phone, `${g.phone.slice(0, 3)}****${g.phone.slice(-4)}`);
    g.memberId = m.id;
    const audit = srv.rows(`SELECT action, result, after_json FROM audit_log WHERE tenant_id = ${s.tenant} AND record_type = 'member' AND record_id = ${q(m.id)}`);
    assert.equal(audit.length, 1, JSON.stringify(audit));
    assert.equal(audit[0][0], 'create');
    assert.equal(audit[0][1], 'ok');
    assert.ok(!audit[0][2].includes(g.id), 'the audit row holds the masked number');
  }
  const yi = expectJson(await s.admin.get(`/api/v1/members/${s.good[1].memberId}`), 200);
  assert.equal(yi.status, '预备');
  assert.equal(yi.full_on, null);
  const bing = expectJson(await s.admin.get(`/api/v1/members/${s.good[2].memberId}`), 200);
  assert.deepEqual([bing.joined_on, bing.full_on], ['2015-07-01', '2016-07-01'], 'dates written 2015年7月1日 and 2016.07.01');
  const ding = expectJson(await s.admin.get(`/api/v1/members/${s.good[3].memberId}`), 200);
  assert.deepEqual([ding.flowing, ding.flow_to, ding.flow_since], [true, '浙江省杭州市', '2024-05-01']);
  assert.equal(expectJson(await s.admin.get(`/api/v1/members/${s.good[4].memberId}`), 200).hardship, true);

  const again = await importFile(s.admin, s.goodCsv);
  assert.equal(again.job.state, 'done');
  assert.deepEqual(again.job.result, { created: 0, updated: 0, unchanged: 5 });
  assert.equal(memberCount(), before + 5);
  assert.deepEqual(expectJson(await upload(s.admin, '/api/v1/members/import/preview', s.goodCsv), 200), { rows: 5, valid_rows: 5, create: 0, update: 0, unchanged: 5, errors: [] });
});

test('import: a changed phone updates one member; a changed unit is an error on unit (transfer instead)', async () => {
  const rows = s.goodRows.map((r) => [...r]);
  rows[0][COLUMNS.indexOf('联系电话')] = '13899998888';
  const file = Buffer.from(csv([COLUMNS, ...rows]), 'utf8');
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', file), 200);
  assert.deepEqual([p.create, p.update, p.unchanged, p.errors.length], [0, 1, 4, 0]);
  const { job } = await importFile(s.admin, file);
  assert.deepEqual(job.result, { created: 0, updated: 1, unchanged: 4 });
  const m = expectJson(await s.admin.get(`/api/v1/members/${s.good[0].memberId}`), 200);
  assert.equal(m.phone, '138****8888');
  const pii = expectJson(await s.admin.get(`/api/v1/members/${s.good[0].memberId}/pii`), 200);
  assert.equal(pii.phone, '13899998888');
  const upd = srv.rows(`SELECT result FROM audit_log WHERE tenant_id = ${s.tenant} AND record_type = 'member' AND record_id = ${q(s.good[0].memberId)} AND action = 'update'`);
  assert.equal(upd.length, 1);
  const moved = rows.map((r) => [...r]);
  moved[1][COLUMNS.indexOf('所在党组织')] = s.spare.name;
  const mp = expectJson(await upload(s.admin, '/api/v1/members/import/preview', Buffer.from(csv([COLUMNS, ...moved]), 'utf8')), 200);
  assert.deepEqual(errKeys(mp.errors), ['3|unit']);
  assert.ok(mp.errors[0].message.includes(s.units[1].name), `names the current unit: ${mp.errors[0].message}`);
});

test('import: a missing required column is an error on line 1; garbage is 400 field file', async () => {
  const noId = COLUMNS.filter((c) => c !== '公民身份号码');
  const f = csv([noId, row({ 姓名: '缺列' }).filter((_, i) => COLUMNS[i] !== '公民身份号码')]);
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', Buffer.from(f, 'utf8')), 200);
  const e = p.errors.find((x) => x.line === 1 && x.field === 'id_number');
  assert.ok(e, JSON.stringify(p.errors));
  assert.equal(e.column, '公民身份号码');
  const garbage = [
    Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0, 0x0a, 0xff, 0xfe, 0x00, 0x81]), // GBK text / binary
    Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('this is not a zip file at all')]),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), // .xls
  ];
  for (const g of garbage) {
    expectProblem(await upload(s.admin, '/api/v1/members/import/preview', g, 'application/octet-stream'), 400, 'file');
    const res = await upload(s.admin, '/api/v1/members/import', g, 'application/octet-stream');
    if (res.status === 202) {
      const job = await waitJob(s.admin, res.body.job_id);
      assert.equal(job.state, 'failed');
      assert.ok(job.errors.some((x) => x.field === 'file'), JSON.stringify(job.errors));
    } else {
      expectProblem(res, 400, 'file');
    }
  }
  expectProblem(await upload(s.admin, '/api/v1/members/import/preview', Buffer.alloc(0)), 400, 'file');
  expectProblem(await upload(s.admin, '/api/v1/members/import', Buffer.alloc(0)), 400, 'file');
});

test('jobs: another user gets 404 for the job; unknown id 404; secretary and leader cannot import (403)', async () => {
  const res = await upload(s.admin, '/api/v1/members/import', s.goodCsv);
  const { job_id: id } = expectJson(res, 202);
  await waitJob(s.admin, id);
  expectProblem(await s.secretary.get(`/api/v1/jobs/${id}`), 404);
  expectProblem(await s.leader.get(`/api/v1/jobs/${id}`), 404);
  const otherAdmin = await loginAs(srv.url, 'sysadmin', DEMO_PASSWORD);
  expectProblem(await otherAdmin.get(`/api/v1/jobs/${id}`), 404);
  const sameUser = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  expectJson(await sameUser.get(`/api/v1/jobs/${id}`), 200);
  expectProblem(await s.admin.get('/api/v1/jobs/0123456789abcdef0123456789abcdef'), 404);
  for (const c of [s.secretary, s.leader, s.auditor, s.member]) {
    expectProblem(await upload(c, '/api/v1/members/import/preview', s.goodCsv), 403);
    expectProblem(await upload(c, '/api/v1/members/import', s.goodCsv), 403);
  }
});

test('import of an .xlsx (shared strings, a date cell, header aliases, a title row): preview and job', async () => {
  const header = ['序号', '*姓名', '性别', '身份证号', '民族', '学历', '人员类别', '所在支部', '党员身份', '入党日期', '转正日期', '手机号'];
  const people = [
    ['1', 'Excel导入甲', '女', idNumber({ birth: '1991-03-03', sex: '女', seq: 380 }), '土家族', '研究生', '在岗职工', s.spare.name, '正式党员', { date: excelSerial('2016-06-30') }, { date: excelSerial('2017-06-30') }, '13700001111'],
    ['2', 'Excel导入乙', '男', idNumber({ birth: '1992-04-04', sex: '男', seq: 381 }).toLowerCase(), '汉', '大学专科', '劳务派遣人员', s.spare.name, '正式', '2018-07-01', '2019-07-01', ''],
  ];
  const file = makeXlsx([['某医院党员名册'], header, ...people]);
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', file, XLSX_TYPE), 200);
  assert.deepEqual(p, { rows: 2, valid_rows: 2, create: 2, update: 0, unchanged: 0, errors: [] });
  const { job } = await importFile(s.admin, file, XLSX_TYPE);
  assert.deepEqual(job.result, { created: 2, updated: 0, unchanged: 0 });
  const jia = expectJson(await s.admin.get(`/api/v1/members?q=${enc('Excel导入甲')}`), 200).items[0];
  assert.deepEqual([jia.joined_on, jia.full_on, jia.ethnicity, jia.unit_id, jia.status], ['2016-06-30', '2017-06-30', '土家族', s.spare.id, '正式']);
  const yi = expectJson(await s.admin.get(`/api/v1/members?q=${enc('Excel导入乙')}`), 200).items[0];
  assert.equal(yi.ethnicity, '汉族');
  assert.equal(yi.phone, null);
});

test('round trip of one branch: export full=1, re-import → every row unchanged', async () => {
  const unit = s.units[4];
  const r = await download(s.admin, `/api/v1/members/export?full=1&org=${unit.id}`);
  assert.equal(r.status, 200);
  const n = sheetRows(r.buf).length - 2;
  assert.ok(n >= 3);
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', r.buf, XLSX_TYPE), 200);
  assert.deepEqual(p.errors, [], 'the title row above the header and the 序号 column are understood');
  assert.equal(p.rows, n);
  assert.equal(p.unchanged + p.update, n);
  const before = memberCount();
  const { job } = await importFile(s.admin, r.buf, XLSX_TYPE);
  assert.equal(job.state, 'done', JSON.stringify(job.errors));
  assert.equal(job.result.created, 0);
  assert.equal(memberCount(), before);
});

test('round trip of the whole hospital: export full=1 by admin, re-import → no errors, all unchanged', async () => {
  const r = await download(s.admin, '/api/v1/members/export?full=1');
  assert.equal(r.status, 200);
  const n = sheetRows(r.buf).length - 2;
  assert.equal(n, expectJson(await s.admin.get('/api/v1/members?size=1'), 200).total);
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', r.buf, XLSX_TYPE), 200);
  const errors = {};
  for (const e of p.errors) errors[`${e.field}: ${e.message}`] = (errors[`${e.field}: ${e.message}`] || 0) + 1;
  assert.deepEqual({ errors, rows: p.rows, create: p.create, update: p.update, unchanged: p.unchanged },
    { errors: {}, rows: n, create: 0, update: 0, unchanged: n }, 'the export of the whole hospital re-imports unchanged');
});

test('round trip keeps the 困难情况说明 (hardship_note) of a 困难党员', async () => {
  const unit = s.units[2];
  const body = {
    unit_id: unit.id, name: '困难党员甲', sex: '女', id_number: idNumber({ birth: '1958-08-08', sex: '女', seq: 390 }), ethnicity: '汉族',
    education: '高中', category: '离退休人员', status: '正式', joined_on: '1985-07-01', full_on: '1986-07-01', hardship: true, hardship_note: '本人患重病，家庭收入低',
  };
  const m = expectJson(await s.admin.post('/api/v1/members', body), 201);
  const r = await download(s.admin, `/api/v1/members/export?full=1&org=${unit.id}`);
  const n = sheetRows(r.buf).length - 2;
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', r.buf, XLSX_TYPE), 200);
  const { job } = await importFile(s.admin, r.buf, XLSX_TYPE);
  const after = expectJson(await s.admin.get(`/api/v1/members/${m.id}`), 200);
  assert.equal(after.hardship_note, '本人患重病，家庭收入低', 'the note survives re-importing the export');
  assert.deepEqual([p.update, p.unchanged, job.result && job.result.updated], [0, n, 0]);
});

test('a masked export cannot be imported: every row is refused on its ID number; nothing written', async () => {
  const r = await download(s.admin, `/api/v1/members/export?org=${s.units[3].id}`);
  const n = sheetRows(r.buf).length - 2;
  const before = memberCount();
  const p = expectJson(await upload(s.admin, '/api/v1/members/import/preview', r.buf, XLSX_TYPE), 200);
  assert.equal(p.rows, n);
  const bad = new Set(p.errors.filter((e) => e.field === 'id_number').map((e) => e.line));
  assert.equal(bad.size, n, JSON.stringify(p.errors.slice(0, 3)));
  assert.equal(p.valid_rows, 0);
  const { job } = await importFile(s.admin, r.buf, XLSX_TYPE);
  assert.equal(job.state, 'failed');
  assert.equal(memberCount(), before);
});
