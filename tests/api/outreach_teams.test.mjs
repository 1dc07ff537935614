// Outreach teams (帮扶队) and 分片负责 (docs/openapi.yaml tag "health"): the demo's four teams of
// 大足, creating and editing a team (version 409), members by role tied to a login, assigning
// villages (another team's village is a 409 naming it unless reassigned, which ends that team's
// row on the new first day), unassigning, ending a team, the leaders' areas, and who may do what:
// the outreach login sees only its own team and may not write, a member or branch secretary is
// refused, another hospital sees none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, DEMO_PASSWORD } from './lib/server.mjs';
import { loginAs, expectJson, expectProblem } from './lib/client.mjs';
import { todayShanghai, addDays } from './lib/idnumber.mjs';
import { loadCounty } from './lib/divisions.mjs';

const srv = useServer();
const s = {};
const TODAY = todayShanghai();
const BASE = '/api/v1/outreach/teams';
const DONGLIN = '500111103200';
const YONGHE = '500111103203'; // 第二帮扶队's
const HUILONG = '500111103001'; // 回龙街社区, held by no team
const XINGLONG = '500111103003';
const JB_PASSWORD = 'Jiangbei#Adm2026';

test('setup: 大足区 divisions loaded, sessions, another hospital\'s admin', async () => {
  const r = loadCounty(srv, '500111');
  assert.equal(r.status, 0, r.output);
  s.admin = await loginAs(srv.url, 'admin', DEMO_PASSWORD);
  s.outreach = await loginAs(srv.url, 'outreach', DEMO_PASSWORD);
  s.leader = await loginAs(srv.url, 'leader', DEMO_PASSWORD);
  s.member = await loginAs(srv.url, 'member', DEMO_PASSWORD);
  s.secretary = await loginAs(srv.url, 'secretary', DEMO_PASSWORD);
  s.auditor = await loginAs(srv.url, 'auditor', DEMO_PASSWORD);
  const jb = srv.rows("SELECT id FROM tenants WHERE name LIKE '%江北%'")[0][0];
  const add = srv.qizhi(['user', 'add', 'jb.admin', '--name', '江北党办', '--tenant', String(jb), '--role', 'admin'], { QIZHI_PASSWORD: JB_PASSWORD });
  assert.equal(add.status, 0, add.output);
  s.jb = await loginAs(srv.url, 'jb.admin', JB_PASSWORD);
  s.outreachUserId = Number(srv.rows("SELECT id FROM users WHERE username = 'outreach'")[0][0]);
  s.sysadminUserId = Number(srv.rows("SELECT id FROM users WHERE username = 'sysadmin'")[0][0]);
});

test('demo: four teams led by hospital leaders, three villages each, with their households and persons', async () => {
  const list = expectJson(await s.admin.get(BASE), 200);
  assert.equal(list.total, 4);
  assert.deepEqual(list.items.map((t) => t.name), ['第一帮扶队', '第二帮扶队', '第三帮扶队', '第四帮扶队']);
  const first = list.items[0];
  assert.equal(first.leader_name, '李明华');
  assert.equal(first.leader_post, '院长');
  assert.deepEqual(first.villages.map((v) => v.village_name), ['东林村', '明月村', '麻杨村']);
  assert.ok(first.members.some((m) => m.name === '周永红' && m.role === '公卫人员' && m.username === 'outreach'));
  const households = list.items.reduce((n, t) => n + t.households, 0);
  assert.equal(households, 91, 'the 91 registered households are all some team\'s');
  assert.equal(first.households, first.villages.reduce((n, v) => n + v.households, 0));
  assert.equal(first.households, 9 + 8 + 7);
  const persons = Number(srv.sql("SELECT COUNT(*) FROM persons p JOIN households h ON h.tenant_id = p.tenant_id AND h.id = p.household_id WHERE p.tenant_id = 2 AND h.state = 'active' AND (p.left_on IS NULL OR p.left_on > '" + TODAY + "') AND (p.joined_on IS NULL OR p.joined_on <= '" + TODAY + "')"));
  assert.equal(list.items.reduce((n, t) => n + t.persons, 0), persons);
  s.first = first;
  s.second = list.items[1];
  // Search, sort, the leader's own read (scope:all), the committee's auditor reading 大足.
  assert.equal(expectJson(await s.admin.get(`${BASE}?q=${encodeURIComponent('罗红英')}`), 200).items[0].name, '第三帮扶队');
  assert.equal(expectJson(await s.admin.get(`${BASE}?village=${YONGHE}`), 200).items[0].name, '第二帮扶队');
  assert.equal(expectJson(await s.admin.get(`${BASE}?sort=-name&size=1`), 200).items[0].name, '第四帮扶队');
  assert.equal(expectJson(await s.leader.get(BASE), 200).total, 4);
  assert.equal(expectJson(await s.auditor.get(BASE), 200).total, 4);
});

test('the outreach login sees only its own team, and 404 on another; writes refused (403)', async () => {
  const mine = expectJson(await s.outreach.get(BASE), 200);
  assert.deepEqual(mine.items.map((t) => t.name), ['第一帮扶队']);
  expectJson(await s.outreach.get(`${BASE}/${s.first.id}`), 200);
  expectProblem(await s.outreach.get(`${BASE}/${s.second.id}`), 404, 'id');
  const leaders = expectJson(await s.outreach.get('/api/v1/outreach/leaders'), 200);
  assert.deepEqual(leaders.items.map((l) => l.leader_name), ['李明华']);
  expectProblem(await s.outreach.post(BASE, { name: '自建队', leader_name: '某人' }), 403);
  expectProblem(await s.outreach.post(`${BASE}/${s.first.id}/villages`, { village_code: HUILONG, from_on: TODAY }), 403);
  expectProblem(await s.outreach.put(`${BASE}/${s.first.id}`, { name: '改名', leader_name: '李明华', version: 1 }), 403);
});

test('member and branch secretary refused (403); another hospital sees no team and gets 404', async () => {
  expectProblem(await s.member.get(BASE), 403);
  expectProblem(await s.secretary.get('/api/v1/outreach/leaders'), 403);
  expectProblem(await s.member.post(BASE, { name: 'x', leader_name: 'y' }), 403);
  assert.equal(expectJson(await s.jb.get(BASE), 200).total, 0);
  assert.equal(expectJson(await s.jb.get('/api/v1/outreach/leaders'), 200).total, 0);
  expectProblem(await s.jb.get(`${BASE}/${s.first.id}`), 404, 'id');
  expectProblem(await s.jb.put(`${BASE}/${s.first.id}`, { name: '江北改', leader_name: 'x', version: s.first.version }), 404);
  expectProblem(await s.jb.post(`${BASE}/${s.first.id}/villages`, { village_code: HUILONG, from_on: TODAY }), 404);
  expectProblem(await s.jb.post(`${BASE}/${s.first.id}/end`, { ended_on: TODAY, reason: 'x', version: 1 }), 404);
});

test('create: every validation error names its field; a team led by a login', async () => {
  const bad = expectProblem(await s.admin.post(BASE, {}), 400, 'name', '请填写队名');
  assert.ok(bad);
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队' }), 400, 'leader_name');
  expectProblem(await s.admin.post(BASE, { name: '队'.repeat(51), leader_name: '甲' }), 400, 'name');
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队', leader_name: '甲'.repeat(31) }), 400, 'leader_name');
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队', leader_name: '甲', leader_post: '职'.repeat(51) }), 400, 'leader_post');
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队', leader_name: '甲', note: '注'.repeat(501) }), 400, 'note');
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队', leader_user_id: 'x' }), 400, 'leader_user_id');
  expectProblem(await s.admin.post(BASE, { name: '第五帮扶队', leader_user_id: 999999 }), 400, 'leader_user_id');
  expectProblem(await s.admin.post(BASE, { name: 5, leader_name: '甲' }), 400, 'name');
  const t = expectJson(await s.admin.post(BASE, { name: '第五帮扶队', leader_user_id: s.sysadminUserId, leader_post: '副院长' }), 201);
  assert.equal(t.leader_name, '黄伟', 'the login\'s name when none is given');
  assert.equal(t.state, 'current');
  assert.equal(t.version, 1);
  assert.deepEqual(t.villages, []);
  s.fifth = t;
  const audit = srv.rows(`SELECT action, record_type FROM audit_log WHERE record_type = 'outreach_team' AND record_id = '${t.id}'`);
  assert.deepEqual(audit.map((r) => r[0]), ['create']);
});

test('edit with version: the stale version is a 409', async () => {
  const t = expectJson(await s.admin.put(`${BASE}/${s.fifth.id}`, { name: '第五帮扶队（城区）', leader_user_id: s.sysadminUserId, leader_name: '黄伟', leader_post: '副院长', version: 1 }), 200);
  assert.equal(t.name, '第五帮扶队（城区）');
  assert.equal(t.version, 2);
  expectProblem(await s.admin.put(`${BASE}/${s.fifth.id}`, { name: '又改', leader_name: '黄伟', version: 1 }), 409, 'version');
  expectProblem(await s.admin.put(`${BASE}/${s.fifth.id}`, { name: '又改', leader_name: '黄伟' }), 400, 'version');
  expectProblem(await s.admin.put(`${BASE}/${s.fifth.id}`, { name: '', leader_name: '黄伟', version: 2 }), 400, 'name');
  expectProblem(await s.admin.get(`${BASE}/999999`), 404, 'id');
});

test('members: role required and checked, a login or Party member named; a login added sees the team', async () => {
  const url = `${BASE}/${s.fifth.id}/members`;
  expectProblem(await s.admin.post(url, { name: '甲', joined_on: TODAY }), 400, 'role');
  expectProblem(await s.admin.post(url, { name: '甲', role: '院长', joined_on: TODAY }), 400, 'role');
  expectProblem(await s.admin.post(url, { name: '甲', role: '乡村医生' }), 400, 'joined_on');
  expectProblem(await s.admin.post(url, { name: '甲', role: '乡村医生', joined_on: '2026-02-30' }), 400, 'joined_on');
  expectProblem(await s.admin.post(url, { role: '乡村医生', joined_on: TODAY }), 400, 'name');
  expectProblem(await s.admin.post(url, { role: '乡村医生', joined_on: TODAY, user_id: 999999 }), 400, 'user_id');
  expectProblem(await s.admin.post(url, { role: '乡村医生', joined_on: TODAY, member_id: 999999 }), 400, 'member_id');
  const doctor = expectJson(await s.admin.post(url, { name: '何乡医', role: '乡村医生', joined_on: TODAY }), 201);
  assert.ok(doctor.members.some((m) => m.name === '何乡医' && m.role === '乡村医生' && m.current));
  // The outreach login joins a second team: it now sees both, and the second team's villages.
  expectJson(await s.admin.post(`${BASE}/${s.fifth.id}/villages`, { village_code: HUILONG, from_on: TODAY }), 201);
  const joined = expectJson(await s.admin.post(url, { role: '公卫人员', joined_on: TODAY, user_id: s.outreachUserId }), 201);
  const me = joined.members.find((m) => m.user_id === s.outreachUserId);
  assert.equal(me.name, '周永红');
  expectProblem(await s.admin.post(url, { role: '公卫人员', joined_on: TODAY, user_id: s.outreachUserId }), 409, 'user_id');
  const mine = expectJson(await s.outreach.get(BASE), 200);
  assert.deepEqual(mine.items.map((t) => t.name).sort(), ['第一帮扶队', '第五帮扶队（城区）'].sort());
  // Leaving (from tomorrow) keeps the row; before joining is refused; leaving twice is a 409.
  const leaveUrl = `${BASE}/${s.fifth.id}/members/${me.id}/leave`;
  expectProblem(await s.admin.post(leaveUrl, { left_on: addDays(TODAY, -1) }), 400, 'left_on');
  expectProblem(await s.admin.post(leaveUrl, {}), 400, 'left_on');
  const left = expectJson(await s.admin.post(leaveUrl, { left_on: TODAY }), 200);
  assert.equal(left.members.find((m) => m.id === me.id).left_on, TODAY);
  expectProblem(await s.admin.post(leaveUrl, { left_on: TODAY }), 409, 'member');
  expectProblem(await s.admin.post(`${BASE}/${s.fifth.id}/members/999999/leave`, { left_on: TODAY }), 404, 'member');
  assert.deepEqual(expectJson(await s.outreach.get(BASE), 200).items.map((t) => t.name), ['第一帮扶队'], 'left today: no longer seen');
});

test('villages: picked from the divisions, another team\'s village is a 409 naming it unless reassigned', async () => {
  const url = `${BASE}/${s.fifth.id}/villages`;
  expectProblem(await s.admin.post(url, { from_on: TODAY }), 400, 'village_code');
  expectProblem(await s.admin.post(url, { village_code: '5001111032', from_on: TODAY }), 400, 'village_code');
  expectProblem(await s.admin.post(url, { village_code: '500111999999', from_on: TODAY }), 400, 'village_code');
  expectProblem(await s.admin.post(url, { village_code: XINGLONG }), 400, 'from_on');
  expectProblem(await s.admin.post(url, { village_code: XINGLONG, from_on: TODAY, reassign: 'yes' }), 400, 'reassign');
  expectProblem(await s.admin.post(url, { village_code: HUILONG, from_on: TODAY }), 409, 'village_code');
  const held = expectProblem(await s.admin.post(url, { village_code: YONGHE, from_on: TODAY }), 409, 'village_code');
  assert.match(held.message, /第二帮扶队/);
  expectProblem(await s.admin.post(url, { village_code: YONGHE, from_on: '2000-01-01', reassign: true }), 400, 'from_on');
  const moved = expectJson(await s.admin.post(url, { village_code: YONGHE, from_on: TODAY, reassign: true }), 201);
  assert.ok(moved.villages.some((v) => v.village_code === YONGHE && v.from_on === TODAY && v.current));
  const second = expectJson(await s.admin.get(`${BASE}/${s.second.id}`), 200);
  const old = second.villages.find((v) => v.village_code === YONGHE);
  assert.equal(old.to_on, TODAY, 'the other team\'s row ends on the new first day (it served up to the day before)');
  assert.equal(old.current, false);
  assert.equal(second.villages.filter((v) => v.current).length, 2);
  const audit = srv.rows(`SELECT action FROM audit_log WHERE record_type = 'outreach_team' AND record_id = '${s.fifth.id}' ORDER BY seq`).map((r) => r[0]);
  assert.ok(audit.includes('assign_village') && audit.includes('add_member') && audit.includes('leave'), audit.join());
  // Unassigning: not before it began, not twice.
  const row = moved.villages.find((v) => v.village_code === HUILONG);
  const endUrl = `${BASE}/${s.fifth.id}/villages/${row.id}/end`;
  expectProblem(await s.admin.post(endUrl, { to_on: addDays(TODAY, -1) }), 400, 'to_on');
  const ended = expectJson(await s.admin.post(endUrl, { to_on: addDays(TODAY, 30) }), 200);
  assert.equal(ended.villages.find((v) => v.id === row.id).to_on, addDays(TODAY, 30));
  expectProblem(await s.admin.post(endUrl, { to_on: addDays(TODAY, 30) }), 409, 'village');
  // Ending on a future day leaves a held span: taking it over before then needs a later start.
  expectProblem(await s.admin.post(`${BASE}/${s.second.id}/villages`, { village_code: HUILONG, from_on: TODAY, reassign: true }), 409, 'from_on');
  expectJson(await s.admin.post(`${BASE}/${s.second.id}/villages`, { village_code: HUILONG, from_on: addDays(TODAY, 30) }), 201);
});

test('leaders: each leader with their teams, villages and households', async () => {
  const l = expectJson(await s.admin.get('/api/v1/outreach/leaders'), 200);
  const li = l.items.find((x) => x.leader_name === '李明华');
  assert.equal(li.teams.length, 1);
  assert.equal(li.teams[0].name, '第一帮扶队');
  assert.equal(li.villages, 3);
  assert.equal(li.households, 24);
  const huang = l.items.find((x) => x.leader_name === '黄伟');
  assert.ok(huang.teams[0].villages.some((v) => v.village_code === YONGHE));
  const total = l.items.reduce((n, x) => n + x.households, 0);
  assert.equal(total, 91, 'every household still counted once after the reassignment');
});

test('end: date and reason required, version checked; the team\'s members and villages end with it', async () => {
  const url = `${BASE}/${s.fifth.id}/end`;
  const t = expectJson(await s.admin.get(`${BASE}/${s.fifth.id}`), 200);
  expectProblem(await s.admin.post(url, { reason: '合并', version: t.version }), 400, 'ended_on');
  expectProblem(await s.admin.post(url, { ended_on: TODAY, version: t.version }), 400, 'reason');
  expectProblem(await s.admin.post(url, { ended_on: TODAY, reason: '合并' }), 400, 'version');
  expectProblem(await s.admin.post(url, { ended_on: TODAY, reason: '合并', version: t.version - 1 }), 409, 'version');
  const ended = expectJson(await s.admin.post(url, { ended_on: TODAY, reason: '并入第二帮扶队', version: t.version }), 200);
  assert.equal(ended.state, 'ended');
  assert.equal(ended.end_reason, '并入第二帮扶队');
  assert.ok(ended.villages.every((v) => !v.current));
  assert.ok(ended.members.every((m) => !m.current));
  expectProblem(await s.admin.post(url, { ended_on: TODAY, reason: '再撤', version: ended.version }), 409, 'id');
  expectProblem(await s.admin.post(`${BASE}/${s.fifth.id}/members`, { name: '乙', role: '其他', joined_on: TODAY }), 409, 'id');
  assert.ok(!expectJson(await s.admin.get(BASE), 200).items.some((x) => x.id === s.fifth.id), 'gone from the current list');
  assert.ok(expectJson(await s.admin.get(`${BASE}?state=ended`), 200).items.some((x) => x.id === s.fifth.id), 'kept in the ended list');
  expectProblem(await s.admin.get(`${BASE}?state=old`), 400, 'state');
  // 永和村 is free again from today: 第二帮扶队 takes it back.
  expectJson(await s.admin.post(`${BASE}/${s.second.id}/villages`, { village_code: YONGHE, from_on: TODAY }), 201);
});
