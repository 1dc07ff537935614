// Helpers the organisational-life API tests share: the demo's units by name and a valid meeting
// body for a unit on a day (everyone on the roll came but the last, who was on sick leave).
import assert from 'node:assert/strict';
import { expectJson } from './client.mjs';

export const JB = '重庆市红十字会医院（江北区人民医院）';
export const DAZU = '大足区人民医院';

export function findUnit(items, name, tenantName) {
  const found = items.filter((u) => u.name === name && u.tenant_name === tenantName);
  assert.equal(found.length, 1, `one unit ${name} in ${tenantName}`);
  return found[0];
}

export async function meetingBody(c, unit_id, date, over = {}) {
  const roll = expectJson(await c.get(`/api/v1/life/roll?org=${unit_id}&on=${date}`), 200).items.map((m) => m.member_id);
  const absent = roll.slice(-1).map((member_id) => ({ member_id, reason: '病假' }));
  return {
    unit_id, type: 'branch_assembly', date, start_time: '14:30', place: '内科示教室', topic: '台账测试：学习党章',
    presenter: '陈建国', recorder: '王丽娟', came: roll.slice(0, -1), absent, ...over,
  };
}
