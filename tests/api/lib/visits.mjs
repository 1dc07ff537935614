// Helpers of the visit and coverage API tests: the demo's villages, a fresh client id, and the
// body of a visit where every current member of the household was seen.
import crypto from 'node:crypto';
import { expectJson } from './client.mjs';

// 中敖镇 (大足) in the demo: the `outreach` login's team answers for the first three.
export const TOWN = '500111103';
export const DONGLIN = '500111103200';
export const MINGYUE = '500111103201';
export const MAYANG = '500111103202';
export const YONGHE = '500111103203';
export const OUTREACH_VILLAGES = [DONGLIN, MINGYUE, MAYANG];

export const uuid = () => crypto.randomUUID();

// The visit form of a household (its members today, its version).
export async function form(c, householdId) {
  return expectJson(await c.get(`/api/v1/visits/form/${householdId}`), 200);
}

// A visit of `f` (a form) where everyone was seen, on `on`.
export function visitBody(f, on, extra = {}) {
  return {
    client_id: uuid(),
    household_id: f.household.id,
    household_version: f.household.version,
    visited_on: on,
    actions: ['健康教育'],
    findings: '血压平稳',
    persons: f.persons.map((p) => ({ person_id: p.id, seen: true })),
    ...extra,
  };
}

// The households of the coverage list (every page).
export async function allHouseholds(c, params) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = expectJson(await c.get(`/api/v1/coverage/households?${params}${params ? '&' : ''}size=200&page=${page}`), 200);
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}
