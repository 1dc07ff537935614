// Files kept with a meeting (docs/openapi.yaml /api/v1/meetings/{id}/attachments): upload as a
// raw body with ?name=, the five kinds by their bytes, the size limit, a bad file named `file`
// with a clear Chinese message, list and download byte for byte, audited, never deleted; the
// secretary refused outside the branch; tenant isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { makeXlsx } from './lib/xlsx.mjs';
import { JB, DAZU, findUnit, meetingBody } from './lib/life.mjs';

const srv = useServer();
const s = {};
const enc = encodeURIComponent;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR....')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF')]);
const MB10 = 10 * 1024 * 1024;

const upload = (c, id, name, bytes, type = 'application/octet-stream') =>
  c.request('POST', `/api/v1/meetings/${id}/attachments${name === undefined ? '' : `?name=${enc(name)}`}`, undefined, { rawBody: bytes, headers: { 'content-type': type } });
async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

test('setup', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  const all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(all, '内科党支部', JB);
  s.waike = findUnit(all, '外科党支部', JB);
  s.dazuBranch = findUnit(all, '玉龙镇卫生院党支部', DAZU);
  s.meeting = expectJson(await s.secretary.post('/api/v1/meetings', await meetingBody(s.secretary, s.neike.id, addDays(todayShanghai(), -1))), 201);
  s.waikeMeeting = expectJson(await s.auditor.get(`/api/v1/meetings?org=${s.waike.id}&size=1`), 200).items[0];
  s.dazuMeeting = expectJson(await s.admin.get(`/api/v1/meetings?org=${s.dazuBranch.id}&size=1`), 200).items[0];
});

test('upload: each accepted kind, listed and downloaded byte for byte, audited', async () => {
  const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
  const files = [['支部党员大会记录.pdf', PDF, 'pdf', 'application/pdf'], ['现场照片.JPG', JPG, 'jpg', 'image/jpeg'],
    ['签到.png', PNG, 'png', 'image/png'], ['会议纪要.docx', docx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['签到表.xlsx', makeXlsx([['姓名', '签到'], ['陈建国', '是']]), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']];
  const made = [];
  for (const [name, bytes, kind, type] of files) {
    const a = expectJson(await upload(s.secretary, s.meeting.id, name, bytes), 201);
    assert.equal(a.name, name);
    assert.equal(a.kind, kind);
    assert.equal(a.content_type, type);
    assert.equal(a.size, bytes.length);
    assert.equal(a.meeting_id, s.meeting.id);
    assert.equal(a.url, `/api/v1/meetings/${s.meeting.id}/attachments/${a.id}`);
    made.push([a, bytes]);
  }
  const list = expectJson(await s.auditor.get(`/api/v1/meetings/${s.meeting.id}/attachments`), 200);
  assert.equal(list.total, files.length);
  assert.deepEqual(list.items.map((a) => a.name), files.map((f) => f[0]));
  for (const [a, bytes] of made) {
    const d = await download(s.secretary, a.url);
    assert.equal(d.status, 200);
    assert.equal(d.headers.get('content-type'), a.content_type);
    assert.ok(d.headers.get('content-disposition').includes(`filename*=UTF-8''${enc(a.name)}`), d.headers.get('content-disposition'));
    assert.ok(d.buf.equals(bytes), `${a.name} comes back as uploaded`);
  }
  const audit = srv.rows(`SELECT username, after_json FROM audit_log WHERE action = 'attach' AND record_type = 'meeting' AND record_id = '${s.meeting.id}' AND result = 'ok' ORDER BY seq`);
  assert.equal(audit.length, files.length);
  assert.equal(audit[0][0], 'secretary');
  assert.equal(JSON.parse(audit[0][1]).name, '支部党员大会记录.pdf');
});

test('upload: a file of exactly 10 MiB is accepted, one byte more is refused', async () => {
  const big = Buffer.alloc(MB10, 0x20);
  PDF.copy(big);
  expectJson(await upload(s.admin, s.dazuMeeting.id, '大文件.pdf', big), 201);
  expectProblem(await upload(s.admin, s.dazuMeeting.id, '大文件.pdf', Buffer.concat([big, Buffer.from('x')])), 400, 'file', '文件不能超过 10 MB');
});

test('upload: a bad file or name is refused with a clear message, nothing stored', async () => {
  const before = Number(srv.sql(`SELECT count(*) FROM meeting_attachments WHERE meeting_id = ${s.meeting.id}`));
  const ALLOWED = '请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件';
  expectProblem(await upload(s.secretary, s.meeting.id, '空.pdf', Buffer.alloc(0)), 400, 'file', '文件为空，请重新选择');
  expectProblem(await upload(s.secretary, s.meeting.id, '程序.pdf', Buffer.from('MZ\x90\x00', 'latin1')), 400, 'file', `文件内容不是可接受的格式，${ALLOWED}`);
  expectProblem(await upload(s.secretary, s.meeting.id, '改名.pdf', PNG), 400, 'file', '文件内容是 PNG 图片，与扩展名不符，请确认文件后重新上传');
  expectProblem(await upload(s.secretary, s.meeting.id, '压缩包.docx', Buffer.from('PK\x03\x04other.txt', 'latin1')), 400, 'file');
  expectProblem(await upload(s.secretary, s.meeting.id, '病毒.exe', PDF), 400, 'name', `文件类型不支持，${ALLOWED}`);
  expectProblem(await upload(s.secretary, s.meeting.id, undefined, PDF), 400, 'name', '请提供文件名');
  expectProblem(await upload(s.secretary, s.meeting.id, '../../etc/a.pdf', PDF), 400, 'name');
  expectProblem(await upload(s.secretary, s.meeting.id, `${'长'.repeat(101)}.pdf`, PDF), 400, 'name', '文件名不能超过 100 字');
  assert.equal(Number(srv.sql(`SELECT count(*) FROM meeting_attachments WHERE meeting_id = ${s.meeting.id}`)), before);
});

test('a cancelled meeting keeps its files and takes no new one', async () => {
  const m = expectJson(await s.secretary.post('/api/v1/meetings', await meetingBody(s.secretary, s.neike.id, addDays(todayShanghai(), -2))), 201);
  expectJson(await upload(s.secretary, m.id, '记录.pdf', PDF), 201);
  expectJson(await s.secretary.post(`/api/v1/meetings/${m.id}/cancel`, { reason: '重复登记', version: m.version }), 200);
  expectProblem(await upload(s.secretary, m.id, '记录2.pdf', PDF), 409, 'id');
  assert.equal(expectJson(await s.secretary.get(`/api/v1/meetings/${m.id}/attachments`), 200).total, 1);
});

test('scope: the secretary outside the branch, another hospital, roles without the permission, another meeting\'s file', async () => {
  expectProblem(await upload(s.secretary, s.waikeMeeting.id, 'a.pdf', PDF), 404, 'id');
  expectProblem(await s.secretary.get(`/api/v1/meetings/${s.waikeMeeting.id}/attachments`), 404, 'id');
  expectProblem(await upload(s.admin, s.meeting.id, 'a.pdf', PDF), 404, 'id');
  expectProblem(await s.admin.get(`/api/v1/meetings/${s.meeting.id}/attachments`), 404, 'id');
  const mine = expectJson(await s.secretary.get(`/api/v1/meetings/${s.meeting.id}/attachments`), 200).items[0];
  assert.equal((await download(s.admin, mine.url)).status, 404);
  assert.equal((await download(s.secretary, `/api/v1/meetings/${s.waikeMeeting.id}/attachments/${mine.id}`)).status, 404);
  const dazuFile = expectJson(await s.admin.get(`/api/v1/meetings/${s.dazuMeeting.id}/attachments`), 200).items[0];
  expectProblem(await s.secretary.get(`/api/v1/meetings/${s.meeting.id}/attachments/${dazuFile.id}`), 404, 'attachment_id');
  // Read-only roles read but do not upload; a member has no access.
  assert.equal((await upload(s.leader, s.meeting.id, 'a.pdf', PDF)).status, 403);
  assert.equal((await s.member.get(`/api/v1/meetings/${s.meeting.id}/attachments`)).status, 403);
  expectJson(await s.auditor.get(`/api/v1/meetings/${s.meeting.id}/attachments`), 200);
});
