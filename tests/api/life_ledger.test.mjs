// The 三会一课 ledger (docs/openapi.yaml, tag life; docs/party-api.md "Organisational life"):
// a unit's meetings of a year with attendance counts, the cadence per period, the .xlsx a
// superior committee inspects, the validation errors, the branch secretary's scope and tenant
// isolation. The ledger's rows are the meeting list's rows for the same unit and year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai } from './lib/idnumber.mjs';
import { readZip, sheetRows } from './lib/xlsx.mjs';
import { JB, DAZU, findUnit, meetingBody } from './lib/life.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const YEAR = TODAY.slice(0, 4);

async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

test('setup', async () => {
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.all = expectJson(await s.auditor.get('/api/v1/org/tree'), 200).items;
  s.neike = findUnit(s.all, '内科党支部', JB);
  s.waike = findUnit(s.all, '外科党支部', JB);
  s.dazuBranch = findUnit(s.all, '玉龙镇卫生院党支部', DAZU);
  s.meeting = expectJson(await s.secretary.post('/api/v1/meetings', await meetingBody(s.secretary, s.neike.id, TODAY)), 201);
});

test('ledger: the year\'s meetings of the unit and below in date order, with attendance counts', async () => {
  const l = expectJson(await s.secretary.get(`/api/v1/life/ledger?org=${s.neike.id}&year=${YEAR}`), 200);
  assert.equal(l.unit_id, s.neike.id);
  assert.equal(l.unit_name, '内科党支部');
  assert.equal(l.year, Number(YEAR));
  assert.equal(l.title, `内科党支部三会一课台账（${YEAR}年）`);
  assert.equal(l.total, l.items.length);
  // The same rows as the meeting list of that unit and year.
  const list = expectJson(await s.secretary.get(`/api/v1/meetings?org=${s.neike.id}&from=${YEAR}-01-01&to=${YEAR}-12-31&size=200&sort=id`), 200);
  assert.equal(l.total, list.total);
  assert.deepEqual(l.items.map((m) => m.id).sort((a, b) => a - b), list.items.map((m) => m.id).sort((a, b) => a - b));
  const dates = l.items.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort());
  for (const m of l.items) {
    assert.equal(m.absent, m.should - m.came);
    if (m.should > 0) {
      assert.equal(m.rate, Math.floor((m.came * 2000 + m.should) / (2 * m.should)));
      assert.equal(m.rate_text, `${Math.floor(m.rate / 10)}.${m.rate % 10}%`);
    } else {
      assert.equal(m.rate, null);
      assert.equal(m.rate_text, '—');
    }
  }
  const mine = l.items.find((m) => m.id === s.meeting.id);
  assert.ok(mine, 'the meeting just recorded is in the ledger');
  assert.equal(mine.type_title, '支部党员大会');
  assert.equal(mine.topic, '台账测试：学习党章');
  assert.equal(mine.presenter, '陈建国');
  assert.equal(mine.should, s.meeting.should_count);
  assert.equal(mine.came, s.meeting.came_count);
  assert.equal(mine.rate_text, s.meeting.attendance_rate_text);
  assert.equal(mine.absent, 1);
});

test('ledger: the cadence of each unit per period, the demo\'s gap as missed', async () => {
  const l = expectJson(await s.secretary.get(`/api/v1/life/ledger?org=${s.neike.id}&year=${YEAR}`), 200);
  const neike = l.cadence.find((u) => u.unit_id === s.neike.id);
  assert.ok(neike, 'the branch has cadence rows');
  const assembly = neike.rules.find((r) => r.meeting_type === 'branch_assembly');
  assert.equal(assembly.title, '支部党员大会 每季度不少于1次');
  assert.deepEqual(assembly.periods.map((p) => p.period_start), ['01-01', '04-01', '07-01', '10-01'].map((d) => `${YEAR}-${d}`));
  const current = assembly.periods.find((p) => p.period_start <= TODAY && TODAY <= p.period_end);
  assert.equal(current.state, 'met', 'the meeting recorded today meets this quarter');
  assert.ok(current.held >= 1);
  for (const p of assembly.periods) {
    assert.equal(p.required, 1);
    assert.equal(p.state_title, { met: '已完成', open: '进行中', missed: '未完成', exempt: '不考核（组织成立前）' }[p.state]);
    if (p.period_start > TODAY) assert.equal(p.state, 'open');
  }
  // The last ended quarter's gap, when it falls in this year, is there as 未完成.
  const overdue = expectJson(await s.secretary.get(`/api/v1/life/overdue?org=${s.neike.id}`), 200).items[0];
  const gap = overdue?.missing.find((m) => m.meeting_type === 'branch_assembly');
  if (gap && gap.period_start.startsWith(YEAR)) {
    assert.equal(assembly.periods.find((p) => p.period_start === gap.period_start).state, 'missed');
  }
  // Only units of the subtree.
  for (const u of l.cadence) assert.ok(u.path.startsWith(s.neike.path), u.unit_name);
});

test('export: an .xlsx with the title, the header and one row per meeting; a second sheet with the cadence', async () => {
  const l = expectJson(await s.secretary.get(`/api/v1/life/ledger?org=${s.neike.id}&year=${YEAR}`), 200);
  const r = await download(s.secretary, `/api/v1/life/ledger/export?org=${s.neike.id}&year=${YEAR}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`内科党支部三会一课台账-${YEAR}.xlsx`)}`, 'i'));
  const rows = sheetRows(r.buf);
  assert.equal(rows[0][0], `内科党支部三会一课台账（${YEAR}年）`);
  assert.deepEqual(rows[1], ['序号', '日期', '时间', '党组织', '会议类型', '会议主题', '主持人/主讲人', '应到', '实到', '缺席', '出席率']);
  const body = rows.slice(2);
  assert.equal(body.length, l.total);
  const i = l.items.findIndex((m) => m.id === s.meeting.id);
  const m = l.items[i];
  assert.deepEqual(body[i], [String(i + 1), m.date, m.start_time, m.unit_name, '支部党员大会', m.topic, m.presenter,
    String(m.should), String(m.came), String(m.absent), m.rate_text]);
  const sheet2 = readZip(r.buf, 'xl/worksheets/sheet2.xml');
  assert.ok(sheet2.includes(`内科党支部组织生活开展情况（${YEAR}年）`));
  assert.ok(sheet2.includes('支部党员大会 每季度不少于1次'));
  assert.ok(readZip(r.buf, 'xl/workbook.xml').includes('开展情况'));
});

test('validation: org and year', async () => {
  for (const path of ['/api/v1/life/ledger', '/api/v1/life/ledger/export']) {
    expectProblem(await s.secretary.get(`${path}?year=${YEAR}`), 400, 'org');
    expectProblem(await s.secretary.get(`${path}?org=abc&year=${YEAR}`), 400, 'org');
    expectProblem(await s.secretary.get(`${path}?org=${s.neike.id}`), 400, 'year');
    expectProblem(await s.secretary.get(`${path}?org=${s.neike.id}&year=1999`), 400, 'year');
    expectProblem(await s.secretary.get(`${path}?org=${s.neike.id}&year=${Number(YEAR) + 1}`), 400, 'year');
    expectProblem(await s.secretary.get(`${path}?org=${s.neike.id}&year=20x6`), 400, 'year');
  }
  // Both at once.
  const r = await s.secretary.get('/api/v1/life/ledger?year=x');
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['org', 'year']);
});

test('scope: the secretary is refused outside the branch; tenants are isolated; roles without the permission', async () => {
  for (const path of ['/api/v1/life/ledger', '/api/v1/life/ledger/export']) {
    expectProblem(await s.secretary.get(`${path}?org=${s.waike.id}&year=${YEAR}`), 404, 'org');
    expectProblem(await s.secretary.get(`${path}?org=${s.dazuBranch.id}&year=${YEAR}`), 404, 'org');
    expectProblem(await s.admin.get(`${path}?org=${s.neike.id}&year=${YEAR}`), 404, 'org');
    assert.equal((await s.member.get(`${path}?org=${s.neike.id}&year=${YEAR}`)).status, 403);
  }
  const own = expectJson(await s.admin.get(`/api/v1/life/ledger?org=${s.dazuBranch.id}&year=${YEAR}`), 200);
  assert.ok(own.items.every((m) => m.unit_name !== '内科党支部'));
  // The superior committee reads the hospitals below it.
  expectJson(await s.auditor.get(`/api/v1/life/ledger?org=${s.neike.id}&year=${YEAR}`), 200);
});
