// The authorisation matrix's table (issue 8): every route of the route table (`qizhi routes`),
// what it needs, where its target is named, and how to build a request against a target that is
// the caller's own, in another branch of the caller's hospital, or in another hospital. The
// expected answer of each cell is not written here cell by cell: `expected()` computes it from the
// caller's permissions and scope (read from the server and checked against permissions.cpp) and
// the entry's facts. authz_matrix.test.mjs walks route × role × target and compares.
//
// An entry:
//   route       "METHOD PATTERN" exactly as `qizhi routes` prints it (every route needs ≥ 1 entry)
//   variant     a label when one route has several entries (a second place its target is named)
//   permission  as printed: a code, "a|b" (any of them), "logged-in" or "public"
//   write       the request changes something (writes always go to the caller's own hospital)
//   target      where the record the request acts on is named:
//                 none   no record (lists without a filter, creating without a parent, the caller's own session)
//                 path   an id in the path: outside the caller's scope or hospital → 404
//                 query  ?org=<unit>: the same as path → 404
//                 body   a unit named in the body (`field`): in the hospital but outside the
//                        caller's scope → 403 naming the field; another hospital's unit is
//                        unknown to the caller → 400 naming the field
//                 file   a unit named in an uploaded roster (所在党组织): outside scope → that row
//                        is refused (200/202 with a row error on `unit`), nothing else
//                 owner  a job: only its owner sees it → 404 for anyone else
//   record      what the path/owner target is: member | unit | user | role | job | meeting |
//               checklist | inspection | commendation
//   tenantWide  users and roles belong to a hospital, not to a branch: a branch scope does not
//               narrow them (the "other branch" target is another record of the same hospital)
//   destructive a success changes the target for good (transfer out, leave, end a unit, end a
//               post…): a cell expected to succeed gets a record made for it alone
//   ok          the statuses an allowed request must answer (default: reads 200; writes anything
//               but 401/403/404 — an in-scope write may still be 400/409 for the record's state)
//   phase       "last": run after every other entry (logout ends the caller's session)
//   build(x)    → {path, body?, raw?, contentType?, clone?} or {na: reason} (a cell that cannot
//               be exercised: counted and printed). `x` gives the records of this cell, chosen
//               by its target (see cellContext() in the matrix test): x.unit() the target unit,
//               x.member() a member of it (one of its own when `fresh`), x.freshUnit(), x.user(),
//               x.role(), x.job(), x.ownUser(), x.ownMember(), x.memberIn(unit), x.mover() (a
//               member of a 党小组 of the caller's own branch), x.sub('post'|'dual'|'family', m),
//               x.memberVersion(m), x.unitVersion(u), x.memberBody(unitId), x.csv(unitName), x.n(),
//               x.plan() a meeting plan of the target unit, x.planBody(unitId), x.planVersion(p),
//               x.meetingAttachment(m) the id of a file of meeting m (uploaded once by its admin),
//               x.candidate() a person on the member-development path in the target branch (with
//               step 1 recorded: its id and that record's id).
//   classify    optional async (res, client) → outcome class, for answers the status alone does
//               not tell (the import job: 202, then the job fails on a refused row)

// The demo's tenants (src/app/demo.cpp): the superior committee 1 and the hospitals below it.
export const TENANT_PARENT = { 1: null, 2: 1, 3: 1, 4: 1 };

export function isBelow(tenant, ancestor) {
  for (let t = TENANT_PARENT[tenant]; t != null; t = TENANT_PARENT[t]) if (t === ancestor) return true;
  return false;
}

// The outcome classes a response falls in (see classify() in the test).
export const CLASSES = ['allowed', 'unauth', 'forbidden', 'forbiddenTarget', 'notFound', 'unknownTarget', 'rowRefused'];

// The expected outcome class of one cell, from data only.
//   caller: {session: bool, tenant, scoped: bool, permissions: Set}
//   rel:    'none' | 'own' | 'otherBranch' | 'otherTenant'; otherTenant is a hospital that is
//           not the caller's (for the superior committee's auditor: one below it)
export function expected(entry, caller, rel, otherTenant) {
  if (entry.permission === 'public') return 'allowed';
  if (!caller.session) return 'unauth';
  if (entry.permission !== 'logged-in' && !entry.permission.split('|').some((p) => caller.permissions.has(p))) return 'forbidden';
  if (entry.target === 'none') return 'allowed';
  if (entry.target === 'owner') return rel === 'own' ? 'allowed' : 'notFound';
  const subtreeRead = caller.permissions.has('scope:subtree:read') && isBelow(otherTenant, caller.tenant);
  const inScope = rel === 'own'
    || (rel === 'otherBranch' && (entry.tenantWide || !caller.scoped))
    || (rel === 'otherTenant' && !entry.write && subtreeRead);
  if (inScope) return 'allowed';
  switch (entry.target) {
    case 'path':
    case 'query':
      return 'notFound';
    case 'body':
      return rel === 'otherTenant' ? 'unknownTarget' : 'forbiddenTarget';
    case 'file':
      return 'rowRefused';
    default:
      throw new Error(`unknown target kind ${entry.target}`);
  }
}

// DefaultCadence() of party/life/rules.cpp, as PUT /api/v1/life/cadence-rules takes it.
const DEFAULT_CADENCE = [
  ['branch_assembly', 'branch', 'quarter'], ['branch_committee', 'branch', 'month', '', true], ['group_meeting', 'group', 'month'],
  ['party_lecture', 'branch', 'quarter'], ['party_lecture', 'committee', 'year', '党委书记'], ['party_lecture', 'branch', 'year', '支部书记'],
  ['theme_day', 'branch', 'month'], ['life_meeting', 'branch', 'year'], ['member_review', 'branch', 'year'], ['heart_talk', 'branch', 'year'],
].map(([meeting_type, applies_to, period, presenter_role = '', needs_committee = false]) => ({ meeting_type, applies_to, period, min_count: 1, presenter_role, fixed_day: 0, needs_committee }));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const PASSWORD_NEW = 'Matrix#Other2026';
const LETTER = '渝卫组转〔2026〕8号';

// 学习强国 statistics (study): a one-row file for the unit named `unitName`, this month.
const THIS_MONTH = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
const xuexiCsv = (unitName) => Buffer.from(`组织名称,成员数,注册人数\r\n${unitName},5,5\r\n`, 'utf8');
// The preview (200) or the import (201) of a row whose unit is refused → rowRefused.
async function xuexiOutcome(res) {
  const errs = [...(Array.isArray(res.body?.errors) ? res.body.errors : []), ...(Array.isArray(res.body?.rows) ? res.body.rows : [])];
  if (errs.some((e) => e && e.field === 'unit' && typeof e.line === 'number')) return 'rowRefused';
  if (res.status === 200 && errs.length === 0 && res.body?.valid_rows === 1) return 'allowed';
  if (res.status === 201 && res.body?.rows === 1) return 'allowed';
  return null;
}

// Polls an import job as its owner: done → allowed; failed on a refused row's unit → rowRefused.
async function importOutcome(res, client) {
  if (res.status !== 202 || !res.body || !res.body.job_id) return null;
  const deadline = Date.now() + 60000;
  for (;;) {
    const j = await client.get(`/api/v1/jobs/${res.body.job_id}`);
    if (j.status !== 200) return `job poll ${j.status}`;
    if (j.body.state === 'done') return 'allowed';
    if (j.body.state === 'failed') {
      const errs = Array.isArray(j.body.errors) ? j.body.errors : [];
      return errs.some((e) => e && e.field === 'unit') ? 'rowRefused' : `job failed ${JSON.stringify(errs).slice(0, 200)}`;
    }
    if (Date.now() > deadline) return 'job still running after 60 s';
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const TABLE = [
  // ---- session ----
  {
    route: 'POST /api/v1/auth/login', permission: 'public', write: true, target: 'none', ok: [200],
    // The caller's own credentials (the anonymous caller uses outreach's); sent from a copy of the
    // session so the caller's own cookie and token stay.
    build: (x) => ({ path: '/api/v1/auth/login', body: { username: x.caller.username || 'outreach', password: x.password }, clone: true }),
  },
  {
    route: 'POST /api/v1/auth/logout', permission: 'logged-in', write: true, target: 'none', ok: [204], phase: 'last',
    build: () => ({ path: '/api/v1/auth/logout' }),
  },
  { route: 'GET /api/v1/me', permission: 'logged-in', write: false, target: 'none', build: () => ({ path: '/api/v1/me' }) },
  {
    // A wrong old password: 400 once the session is through; the password stays.
    route: 'POST /api/v1/me/password', permission: 'logged-in', write: true, target: 'none', ok: [400],
    build: () => ({ path: '/api/v1/me/password', body: { old_password: 'Not#The0ld2026', new_password: PASSWORD_NEW } }),
  },
  {
    route: 'POST /api/v1/me/totp/setup', permission: 'logged-in', write: true, target: 'none', ok: [200],
    build: () => ({ path: '/api/v1/me/totp/setup' }),
  },
  {
    // Never a valid code (not digits): 400, and no second factor is enrolled.
    route: 'POST /api/v1/me/totp/confirm', permission: 'logged-in', write: true, target: 'none', ok: [400],
    build: () => ({ path: '/api/v1/me/totp/confirm', body: { code: 'abcdef' } }),
  },

  // ---- users (system administrator) ----
  { route: 'GET /api/v1/users', permission: 'system:user:list|security:user:assign', write: false, target: 'none', build: () => ({ path: '/api/v1/users' }) },
  {
    route: 'POST /api/v1/users', permission: 'system:user:add', write: true, target: 'none', ok: [201],
    build: (x) => ({ path: '/api/v1/users', body: { username: `mx.new${x.n()}`, name: '矩阵新用户', password: 'Matrix#Pass2026' } }),
  },
  {
    route: 'PATCH /api/v1/users/{id}', permission: 'system:user:edit', write: true, target: 'path', record: 'user', tenantWide: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}`, body: { name: '矩阵改名' } }),
  },
  {
    route: 'POST /api/v1/users/{id}/lock', permission: 'system:user:lock', write: true, target: 'path', record: 'user', tenantWide: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}/lock` }),
  },
  {
    route: 'POST /api/v1/users/{id}/unlock', permission: 'system:user:lock', write: true, target: 'path', record: 'user', tenantWide: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}/unlock` }),
  },
  {
    route: 'POST /api/v1/users/{id}/password', permission: 'system:user:reset-password', write: true, target: 'path', record: 'user', tenantWide: true, ok: [204],
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}/password`, body: { password: 'Matrix#Reset2026' } }),
  },
  {
    route: 'GET /api/v1/users/{id}/phone', permission: 'system:user:pii', write: false, target: 'path', record: 'user', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}/phone` }),
  },

  // ---- roles and policy (security administrator) ----
  { route: 'GET /api/v1/permissions', permission: 'security:role:list', write: false, target: 'none', build: () => ({ path: '/api/v1/permissions' }) },
  { route: 'GET /api/v1/roles', permission: 'security:role:list', write: false, target: 'none', build: () => ({ path: '/api/v1/roles' }) },
  {
    route: 'POST /api/v1/roles', permission: 'security:role:edit', write: true, target: 'none', ok: [201],
    build: (x) => ({ path: '/api/v1/roles', body: { code: `mx_new${x.n()}`, name: '矩阵新角色', description: '', permissions: ['party:org:list'], require_totp: false } }),
  },
  {
    route: 'PATCH /api/v1/roles/{id}', permission: 'security:role:edit', write: true, target: 'path', record: 'role', tenantWide: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/roles/${(await x.role()).id}`, body: { name: '矩阵角色（改）', description: '', permissions: ['party:org:list'], require_totp: false } }),
  },
  {
    route: 'PUT /api/v1/users/{id}/roles', permission: 'security:user:assign', write: true, target: 'path', record: 'user', tenantWide: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/users/${(await x.user()).id}/roles`, body: { roles: [], scopes: [] } }),
  },
  {
    // The scope granted is a unit: another hospital's is unknown (400 scopes).
    route: 'PUT /api/v1/users/{id}/roles', variant: 'scopes', permission: 'security:user:assign', write: true, target: 'body', field: 'scopes', ok: [200],
    build: async (x) => ({ path: `/api/v1/users/${(await x.ownUser()).id}/roles`, body: { roles: [], scopes: [x.unit().id] } }),
  },
  { route: 'GET /api/v1/policy', permission: 'security:policy:view', write: false, target: 'none', build: () => ({ path: '/api/v1/policy' }) },
  {
    // An empty change: every setting stays as it is.
    route: 'PUT /api/v1/policy', permission: 'security:policy:edit', write: true, target: 'none', ok: [200],
    build: () => ({ path: '/api/v1/policy', body: {} }),
  },

  // ---- audit ----
  { route: 'GET /api/v1/audit', permission: 'audit:log:list', write: false, target: 'none', build: () => ({ path: '/api/v1/audit' }) },
  { route: 'GET /api/v1/audit/verify', permission: 'audit:log:verify', write: false, target: 'none', build: () => ({ path: '/api/v1/audit/verify' }) },

  // ---- organisation ----
  { route: 'GET /api/v1/org/tree', permission: 'party:org:list', write: false, target: 'none', build: () => ({ path: '/api/v1/org/tree' }) },
  { route: 'GET /api/v1/org/units', permission: 'party:org:list|security:user:assign', write: false, target: 'none', build: () => ({ path: '/api/v1/org/units' }) },
  {
    route: 'GET /api/v1/org/units', variant: 'org', permission: 'party:org:list|security:user:assign', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/org/units?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/org/units/{id}', permission: 'party:org:list', write: false, target: 'path', record: 'unit',
    build: (x) => ({ path: `/api/v1/org/units/${x.unit().id}` }),
  },
  {
    route: 'POST /api/v1/org/units', permission: 'party:org:edit', write: true, target: 'body', field: 'parent_id', ok: [201],
    build: (x) => ({ path: '/api/v1/org/units', body: { parent_id: x.unit().id, name: `矩阵党小组${x.n()}`, kind: 'group' } }),
  },
  {
    route: 'PUT /api/v1/org/units/{id}', permission: 'party:org:edit', write: true, target: 'path', record: 'unit',
    build: async (x) => {
      const u = x.unit();
      return { path: `/api/v1/org/units/${u.id}`, body: { version: await x.unitVersion(u), sort_order: 7 } };
    },
  },
  {
    route: 'POST /api/v1/org/units/{id}/end', permission: 'party:org:edit', write: true, target: 'path', record: 'unit', destructive: true,
    build: async (x) => ({ path: `/api/v1/org/units/${(await x.freshUnit()).id}/end`, body: { reason: '授权矩阵测试' } }),
  },
  {
    // 换届 of the unit with its own member as 书记.
    route: 'POST /api/v1/org/units/{id}/committees', permission: 'party:org:edit', write: true, target: 'path', record: 'unit',
    build: async (x) => {
      const u = x.unit();
      const m = await x.memberIn(u);
      return { path: `/api/v1/org/units/${u.id}/committees`, body: { elected_on: x.yesterday, members: [{ member_id: m.id, post: '书记' }] } };
    },
  },

  // ---- member development ----
  { route: 'GET /api/v1/development/candidates', permission: 'party:development:list', write: false, target: 'none', build: () => ({ path: '/api/v1/development/candidates' }) },
  {
    route: 'GET /api/v1/development/candidates', variant: 'org', permission: 'party:development:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/development/candidates?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/development/candidates/{id}', permission: 'party:development:list', write: false, target: 'path', record: 'candidate',
    build: async (x) => ({ path: `/api/v1/development/candidates/${(await x.candidate()).id}` }),
  },
  {
    route: 'POST /api/v1/development/candidates', permission: 'party:development:edit', write: true, target: 'body', field: 'unit_id', ok: [201],
    // A member body without the membership fields is a candidate body (a fresh ID number).
    build: (x) => ({ path: '/api/v1/development/candidates', body: { ...x.memberBody(x.unit().id), name: `矩阵申请${x.n()}`, status: undefined, joined_on: undefined, full_on: undefined } }),
  },
  {
    route: 'PUT /api/v1/development/candidates/{id}', permission: 'party:development:edit', write: true, target: 'path', record: 'candidate',
    build: async (x) => {
      const c = await x.candidate();
      return { path: `/api/v1/development/candidates/${c.id}`, body: { name: '矩阵改名', sex: '男', ethnicity: '汉族', education: '大学本科', category: '在岗职工', job: '护师', version: 1 } };
    },
  },
  {
    route: 'POST /api/v1/development/candidates/{id}/records', permission: 'party:development:edit', write: true, target: 'path', record: 'candidate', ok: [201],
    build: async (x) => ({ path: `/api/v1/development/candidates/${(await x.candidate()).id}/records`, body: { step: 2, date: x.today, people: [{ name: '矩阵谈话人' }] } }),
  },
  {
    route: 'PUT /api/v1/development/candidates/{id}/records/{record_id}', permission: 'party:development:edit', write: true, target: 'path', record: 'candidate',
    build: async (x) => {
      const c = await x.candidate();
      return { path: `/api/v1/development/candidates/${c.id}/records/${c.record}`, body: { step: 1, date: x.yesterday, documents: ['入党申请书'], change_reason: '授权矩阵测试', version: 1 } };
    },
  },
  { route: 'GET /api/v1/development/violations', permission: 'party:development:list', write: false, target: 'none', build: () => ({ path: '/api/v1/development/violations' }) },
  {
    route: 'GET /api/v1/development/violations', variant: 'org', permission: 'party:development:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/development/violations?org=${x.unit().id}` }),
  },
  { route: 'GET /api/v1/development/due', permission: 'party:development:list', write: false, target: 'none', build: () => ({ path: '/api/v1/development/due' }) },
  {
    route: 'GET /api/v1/development/due', variant: 'org', permission: 'party:development:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/development/due?org=${x.unit().id}` }),
  },
  { route: 'GET /api/v1/development/steps', permission: 'party:development:list', write: false, target: 'none', build: () => ({ path: '/api/v1/development/steps' }) },
  // ---- members: reading ----
  { route: 'GET /api/v1/members', permission: 'party:member:list', write: false, target: 'none', build: () => ({ path: '/api/v1/members' }) },
  {
    route: 'GET /api/v1/members', variant: 'org', permission: 'party:member:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/members?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/members/{id}', permission: 'party:member:list', write: false, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}` }),
  },
  {
    route: 'GET /api/v1/members/{id}/pii', permission: 'party:member:pii', write: false, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/pii` }),
  },

  // ---- members: writing ----
  {
    route: 'POST /api/v1/members', permission: 'party:member:add', write: true, target: 'body', field: 'unit_id', ok: [201],
    build: (x) => ({ path: '/api/v1/members', body: x.memberBody(x.unit().id) }),
  },
  {
    route: 'PUT /api/v1/members/{id}', permission: 'party:member:edit', write: true, target: 'path', record: 'member',
    build: async (x) => {
      const m = await x.member();
      const { unit_id, id_number, phone, ...fields } = m.body;
      return { path: `/api/v1/members/${m.id}`, body: { ...fields, job: '副主任医师', version: await x.memberVersion(m) } };
    },
  },
  {
    route: 'POST /api/v1/members/{id}/posts', permission: 'party:member:edit', write: true, target: 'path', record: 'member', ok: [201],
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/posts`, body: { kind: 'hospital', title: '其他', department: '内科', started_on: x.yesterday } }),
  },
  {
    // A party post held in a unit named in the body.
    route: 'POST /api/v1/members/{id}/posts', variant: 'unit', permission: 'party:member:edit', write: true, target: 'body', field: 'unit_id', ok: [201],
    build: async (x) => ({ path: `/api/v1/members/${(await x.ownMember()).id}/posts`, body: { kind: 'party', title: '组织委员', unit_id: x.unit().id, started_on: x.yesterday } }),
  },
  {
    route: 'POST /api/v1/members/{id}/posts/{post_id}/end', permission: 'party:member:edit', write: true, target: 'path', record: 'member', destructive: true, ok: [200],
    build: async (x) => {
      const m = await x.member();
      return { path: `/api/v1/members/${m.id}/posts/${(await x.sub('post', m)).id}/end`, body: { ended_on: x.today, end_reason: '授权矩阵测试' } };
    },
  },
  {
    route: 'POST /api/v1/members/{id}/dual-appointments', permission: 'party:member:edit', write: true, target: 'path', record: 'member', ok: [201],
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/dual-appointments`, body: { hospital_title: '副主任', department: '内科', party_title: '委员', started_on: x.yesterday } }),
  },
  {
    route: 'POST /api/v1/members/{id}/dual-appointments/{dual_id}/end', permission: 'party:member:edit', write: true, target: 'path', record: 'member', destructive: true, ok: [200],
    build: async (x) => {
      const m = await x.member();
      return { path: `/api/v1/members/${m.id}/dual-appointments/${(await x.sub('dual', m)).id}/end`, body: { ended_on: x.today, end_reason: '授权矩阵测试' } };
    },
  },
  {
    route: 'POST /api/v1/members/{id}/rewards', permission: 'party:member:edit', write: true, target: 'path', record: 'member', ok: [201],
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/rewards`, body: { kind: 'reward', title: '优秀共产党员', decided_on: x.yesterday, authority: '院党委' } }),
  },
  {
    route: 'POST /api/v1/members/{id}/family', permission: 'party:member:edit', write: true, target: 'path', record: 'member', ok: [201],
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/family`, body: { relation: '配偶', name: '矩阵家属' } }),
  },
  {
    route: 'POST /api/v1/members/{id}/family/{family_id}/end', permission: 'party:member:edit', write: true, target: 'path', record: 'member', destructive: true, ok: [200],
    build: async (x) => {
      const m = await x.member();
      return { path: `/api/v1/members/${m.id}/family/${(await x.sub('family', m)).id}/end`, body: { reason: '授权矩阵测试' } };
    },
  },
  {
    route: 'POST /api/v1/members/{id}/transfers', variant: 'out', permission: 'party:member:transfer', write: true, target: 'path', record: 'member', destructive: true, ok: [201],
    build: async (x) => ({
      path: `/api/v1/members/${(await x.member()).id}/transfers`,
      body: { kind: 'out', external_org: '重庆市某区卫生健康委员会党委', letter_no: LETTER, issued_on: x.today, effective_on: x.today },
    }),
  },
  {
    // The member moves (from a 党小组 of the caller's own branch) to the unit named in the body.
    route: 'POST /api/v1/members/{id}/transfers', variant: 'between', permission: 'party:member:transfer', write: true, target: 'body', field: 'to_unit_id', destructive: true, ok: [201],
    build: async (x) => ({
      path: `/api/v1/members/${(await x.mover()).id}/transfers`,
      body: { kind: 'between', to_unit_id: x.unit().id, letter_no: LETTER, issued_on: x.today, effective_on: x.today },
    }),
  },
  {
    route: 'POST /api/v1/members/{id}/leave', permission: 'party:member:transfer', write: true, target: 'path', record: 'member', destructive: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/leave`, body: { kind: '其他', left_on: x.today, reason: '授权矩阵测试' } }),
  },

  // ---- roster files ----
  { route: 'GET /api/v1/members/export', permission: 'party:member:export', write: false, target: 'none', build: () => ({ path: '/api/v1/members/export' }) },
  {
    route: 'GET /api/v1/members/export', variant: 'org', permission: 'party:member:export', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/members/export?org=${x.unit().id}` }),
  },
  {
    // One new member in the unit the file names; the preview writes nothing.
    route: 'POST /api/v1/members/import/preview', permission: 'party:member:import', write: true, target: 'file', field: 'unit', ok: [200],
    build: (x) => ({ path: '/api/v1/members/import/preview', raw: x.csv(x.unit().name), contentType: 'text/csv' }),
    classify: async (res) => {
      if (res.status !== 200 || !res.body || typeof res.body !== 'object') return null;
      const errs = Array.isArray(res.body.errors) ? res.body.errors : [];
      if (errs.some((e) => e.field === 'unit')) return 'rowRefused';
      return res.body.create === 1 && errs.length === 0 ? 'allowed' : `preview ${JSON.stringify(res.body).slice(0, 200)}`;
    },
  },
  {
    route: 'POST /api/v1/members/import', permission: 'party:member:import', write: true, target: 'file', field: 'unit', ok: [202],
    build: (x) => ({ path: '/api/v1/members/import', raw: x.csv(x.unit().name), contentType: 'text/csv' }),
    classify: importOutcome,
  },
  {
    // The month's 学习强国 row for the unit the file names; the preview writes nothing.
    route: 'POST /api/v1/study/xuexi/import/preview', permission: 'party:study:import', write: true, target: 'file', field: 'unit', ok: [200],
    build: (x) => ({ path: `/api/v1/study/xuexi/import/preview?period=${THIS_MONTH}`, raw: xuexiCsv(x.unit().name), contentType: 'text/csv' }),
    classify: xuexiOutcome,
  },
  {
    route: 'POST /api/v1/study/xuexi/import', permission: 'party:study:import', write: true, target: 'file', field: 'unit', ok: [201],
    build: (x) => ({ path: `/api/v1/study/xuexi/import?period=${THIS_MONTH}`, raw: xuexiCsv(x.unit().name), contentType: 'text/csv' }),
    classify: xuexiOutcome,
  },
  { route: 'GET /api/v1/study/xuexi', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/study/xuexi' }) },
  {
    route: 'GET /api/v1/study/xuexi', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/study/xuexi?org=${x.unit().id}` }),
  },
  { route: 'GET /api/v1/study/xuexi/imports', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/study/xuexi/imports' }) },
  {
    route: 'GET /api/v1/jobs/{id}', permission: 'logged-in', write: false, target: 'owner', record: 'job',
    build: (x) => {
      const j = x.job();
      return j.na ? j : { path: `/api/v1/jobs/${j.id}` };
    },
  },

  // ---- organisational life (组织生活) ----
  { route: 'GET /api/v1/meetings', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/meetings' }) },
  {
    route: 'GET /api/v1/meetings', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/meetings?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/meetings/{id}', permission: 'party:life:list', write: false, target: 'path', record: 'meeting',
    build: async (x) => ({ path: `/api/v1/meetings/${(await x.meeting()).id}` }),
  },
  {
    route: 'POST /api/v1/meetings', permission: 'party:life:edit', write: true, target: 'body', field: 'unit_id', ok: [201],
    build: (x) => ({ path: '/api/v1/meetings', body: x.meetingBody(x.unit().id) }),
  },
  {
    route: 'PUT /api/v1/meetings/{id}', permission: 'party:life:edit', write: true, target: 'path', record: 'meeting', ok: [200],
    build: async (x) => {
      const m = await x.meeting();
      const { unit_id: _unit, ...fields } = x.meetingBody(m.unit.id);
      return { path: `/api/v1/meetings/${m.id}`, body: { ...fields, topic: '授权矩阵修改', version: await x.meetingVersion(m) } };
    },
  },
  {
    route: 'POST /api/v1/meetings/{id}/cancel', permission: 'party:life:edit', write: true, target: 'path', record: 'meeting', destructive: true, ok: [200],
    build: async (x) => {
      const m = await x.meeting();
      return { path: `/api/v1/meetings/${m.id}/cancel`, body: { reason: '授权矩阵测试', version: await x.meetingVersion(m) } };
    },
  },
  { route: 'GET /api/v1/life/overdue', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/life/overdue' }) },
  {
    route: 'GET /api/v1/life/overdue', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/overdue?org=${x.unit().id}` }),
  },
  { route: 'GET /api/v1/life/due', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/life/due' }) },
  {
    route: 'GET /api/v1/life/due', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/due?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/life/roll', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/roll?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/life/ledger', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/ledger?org=${x.unit().id}&year=${THIS_MONTH.slice(0, 4)}` }),
  },
  {
    route: 'GET /api/v1/life/ledger/export', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/ledger/export?org=${x.unit().id}&year=${THIS_MONTH.slice(0, 4)}` }),
  },
  {
    route: 'GET /api/v1/life/calendar', permission: 'party:life:list', write: false, target: 'none',
    build: () => ({ path: `/api/v1/life/calendar?from=${THIS_MONTH}-01&to=${THIS_MONTH}-28` }),
  },
  {
    route: 'GET /api/v1/life/calendar', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/calendar?org=${x.unit().id}&from=${THIS_MONTH}-01&to=${THIS_MONTH}-28` }),
  },
  {
    route: 'GET /api/v1/members/{id}/attendance', permission: 'party:life:list', write: false, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/members/${(await x.member()).id}/attendance` }),
  },
  {
    // A one-page PDF; an upload adds a file beside the others, it changes nothing else.
    route: 'POST /api/v1/meetings/{id}/attachments', permission: 'party:life:edit', write: true, target: 'path', record: 'meeting', ok: [201],
    build: async (x) => ({ path: `/api/v1/meetings/${(await x.meeting()).id}/attachments?name=${encodeURIComponent('会议记录.pdf')}`, raw: PDF, contentType: 'application/pdf' }),
  },
  {
    route: 'GET /api/v1/meetings/{id}/attachments', permission: 'party:life:list', write: false, target: 'path', record: 'meeting',
    build: async (x) => ({ path: `/api/v1/meetings/${(await x.meeting()).id}/attachments` }),
  },
  {
    route: 'GET /api/v1/meetings/{id}/attachments/{attachment_id}', permission: 'party:life:list', write: false, target: 'path', record: 'meeting',
    build: async (x) => {
      const m = await x.meeting();
      return { path: `/api/v1/meetings/${m.id}/attachments/${await x.meetingAttachment(m)}` };
    },
  },
  // Meeting plans (会议计划).
  {
    route: 'GET /api/v1/life/plans', permission: 'party:life:list', write: false, target: 'none',
    build: () => ({ path: '/api/v1/life/plans' }),
  },
  {
    route: 'GET /api/v1/life/plans', variant: 'org', permission: 'party:life:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/life/plans?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/life/plans/{id}', permission: 'party:life:list', write: false, target: 'path', record: 'plan',
    build: async (x) => ({ path: `/api/v1/life/plans/${(await x.plan()).id}` }),
  },
  {
    route: 'POST /api/v1/life/plans', permission: 'party:life:edit', write: true, target: 'body', field: 'unit_id', ok: [201],
    build: (x) => ({ path: '/api/v1/life/plans', body: x.planBody(x.unit().id) }),
  },
  {
    route: 'PUT /api/v1/life/plans/{id}', permission: 'party:life:edit', write: true, target: 'path', record: 'plan', ok: [200],
    build: async (x) => {
      const p = await x.plan();
      const { unit_id: _unit, ...fields } = x.planBody(p.unit.id);
      return { path: `/api/v1/life/plans/${p.id}`, body: { ...fields, topic: '授权矩阵改期', version: await x.planVersion(p) } };
    },
  },
  {
    route: 'POST /api/v1/life/plans/{id}/cancel', permission: 'party:life:edit', write: true, target: 'path', record: 'plan', destructive: true, ok: [200],
    build: async (x) => {
      const p = await x.plan();
      return { path: `/api/v1/life/plans/${p.id}/cancel`, body: { reason: '授权矩阵测试', version: await x.planVersion(p) } };
    },
  },
  // The cadence rules belong to a hospital, not to a branch; writing the defaults back changes no judgement.
  { route: 'GET /api/v1/life/cadence-rules', permission: 'party:life:list', write: false, target: 'none', build: () => ({ path: '/api/v1/life/cadence-rules' }) },
  {
    route: 'PUT /api/v1/life/cadence-rules', permission: 'party:life:rules', write: true, target: 'none', ok: [200],
    build: () => ({ path: '/api/v1/life/cadence-rules', body: { rules: DEFAULT_CADENCE } }),
  },

  // ---- dues (党费) ----
  { route: 'GET /api/v1/dues/pay-items', permission: 'party:dues:list', write: false, target: 'none', build: () => ({ path: '/api/v1/dues/pay-items' }) },
  {
    route: 'PUT /api/v1/dues/pay-items', permission: 'party:dues:config', write: true, target: 'none', ok: [200],
    build: () => ({ path: '/api/v1/dues/pay-items', body: { items: ['岗位工资', '薪级工资', '绩效工资', '津贴补贴'].map((name) => ({ name, regular: true })) } }),
  },
  { route: 'GET /api/v1/dues/bases', permission: 'party:dues:list', write: false, target: 'none', build: () => ({ path: '/api/v1/dues/bases' }) },
  {
    route: 'GET /api/v1/dues/bases', variant: 'org', permission: 'party:dues:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/dues/bases?org=${x.unit().id}` }),
  },
  {
    route: 'POST /api/v1/dues/bases', permission: 'party:dues:edit', write: true, target: 'body', field: 'member_id', ok: [201],
    build: async (x) => ({
      path: '/api/v1/dues/bases',
      body: { member_id: (await x.member()).id, category: '在职', source: 'entered', effective_month: THIS_MONTH, base_fen: 500000 },
    }),
  },
  {
    route: 'POST /api/v1/dues/generate', permission: 'party:dues:edit', write: true, target: 'body', field: 'unit_id', ok: [200],
    build: (x) => ({ path: '/api/v1/dues/generate', body: { unit_id: x.unit().id, year: Number(THIS_MONTH.slice(0, 4)) } }),
  },
  {
    route: 'POST /api/v1/dues/members/{id}/months/{month}/correct', permission: 'party:dues:edit', write: true, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/dues/members/${(await x.member()).id}/months/${THIS_MONTH}/correct`, body: { due_fen: 1, reason: '授权矩阵测试' } }),
  },
  { route: 'GET /api/v1/dues/payments', permission: 'party:dues:list', write: false, target: 'none', build: () => ({ path: '/api/v1/dues/payments' }) },
  {
    route: 'GET /api/v1/dues/payments', variant: 'org', permission: 'party:dues:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/dues/payments?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/dues/payments/{id}', permission: 'party:dues:list', write: false, target: 'path', record: 'dues payment',
    build: async (x) => ({ path: `/api/v1/dues/payments/${(await x.duesPayment()).id}` }),
  },
  {
    route: 'POST /api/v1/dues/payments', permission: 'party:dues:edit', write: true, target: 'body', field: 'member_id', ok: [201],
    build: async (x) => ({
      path: '/api/v1/dues/payments',
      body: { member_id: (await x.member()).id, paid_on: x.yesterday, amount_fen: 20, method: '微信', collector: '授权矩阵' },
    }),
  },
  {
    route: 'POST /api/v1/dues/payments/{id}/void', permission: 'party:dues:edit', write: true, target: 'path', record: 'dues payment', destructive: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/dues/payments/${(await x.duesPayment()).id}/void`, body: { reason: '授权矩阵测试' } }),
  },
  {
    route: 'GET /api/v1/dues/members/{id}/ledger', permission: 'party:dues:list', write: false, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/dues/members/${(await x.member()).id}/ledger` }),
  },
  { route: 'GET /api/v1/dues/arrears', permission: 'party:dues:list', write: false, target: 'none', build: () => ({ path: '/api/v1/dues/arrears' }) },
  {
    route: 'GET /api/v1/dues/arrears', variant: 'org', permission: 'party:dues:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/dues/arrears?org=${x.unit().id}&flagged=1` }),
  },
  {
    route: 'POST /api/v1/dues/members/{id}/unpaid-reason', permission: 'party:dues:edit', write: true, target: 'path', record: 'member', ok: [200],
    build: async (x) => ({ path: `/api/v1/dues/members/${(await x.member()).id}/unpaid-reason`, body: { reason: '授权矩阵测试' } }),
  },
  {
    route: 'GET /api/v1/dues/totals', permission: 'party:dues:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/dues/totals?org=${x.unit().id}&year=${THIS_MONTH.slice(0, 4)}` }),
  },
  {
    route: 'GET /api/v1/dues/ledger/export', permission: 'party:dues:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/dues/ledger/export?org=${x.unit().id}&year=${THIS_MONTH.slice(0, 4)}` }),
  },

  // ---- branch scoring and commendations (issue 6) ----
  // Checklists and weights belong to a hospital; a new version of a checklist of the matrix's own code changes no other cell.
  { route: 'GET /api/v1/scoring/checklists', permission: 'party:scoring:list', write: false, target: 'none', build: () => ({ path: '/api/v1/scoring/checklists' }) },
  {
    route: 'GET /api/v1/scoring/checklists/{id}', permission: 'party:scoring:list', write: false, target: 'path', record: 'checklist', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/scoring/checklists/${(await x.checklist()).id}` }),
  },
  {
    route: 'POST /api/v1/scoring/checklists', permission: 'party:scoring:config', write: true, target: 'none', ok: [201, 409],
    build: () => ({ path: '/api/v1/scoring/checklists', body: { code: 'matrix', title: '授权矩阵检查表', items: [{ code: 'one', title: '一项', max_score: 5 }] } }),
  },
  { route: 'GET /api/v1/scoring/inspections', permission: 'party:scoring:list', write: false, target: 'none', build: () => ({ path: '/api/v1/scoring/inspections' }) },
  {
    route: 'GET /api/v1/scoring/inspections', variant: 'org', permission: 'party:scoring:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/scoring/inspections?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/scoring/inspections/{id}', permission: 'party:scoring:list', write: false, target: 'path', record: 'inspection',
    build: async (x) => ({ path: `/api/v1/scoring/inspections/${(await x.inspection()).id}` }),
  },
  {
    route: 'POST /api/v1/scoring/inspections', permission: 'party:scoring:edit', write: true, target: 'body', field: 'unit_id', ok: [201],
    build: async (x) => {
      const c = await x.checklist();
      return { path: '/api/v1/scoring/inspections', body: { unit_id: x.unit().id, checklist_id: c.id, date: x.yesterday, scores: x.fullScores(c) } };
    },
  },
  {
    route: 'POST /api/v1/scoring/inspections/{id}/void', permission: 'party:scoring:edit', write: true, target: 'path', record: 'inspection', destructive: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/scoring/inspections/${(await x.inspection()).id}/void`, body: { reason: '授权矩阵作废' } }),
  },
  { route: 'GET /api/v1/scoring/assessment', permission: 'party:scoring:list', write: false, target: 'none', build: (x) => ({ path: `/api/v1/scoring/assessment?year=${x.today.slice(0, 4)}` }) },
  {
    route: 'GET /api/v1/scoring/assessment', variant: 'org', permission: 'party:scoring:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/scoring/assessment?year=${x.today.slice(0, 4)}&org=${x.unit().id}` }),
  },
  {
    route: 'PUT /api/v1/scoring/weights', permission: 'party:scoring:config', write: true, target: 'none', ok: [200, 409],
    build: (x) => ({ path: '/api/v1/scoring/weights', body: { year: Number(x.today.slice(0, 4)) - 1, weights: { inspection: 40, meetings: 30, study: 15, dues: 15 } } }),
  },
  // Finalising is once per hospital and year: the first allowed cell decides last year, the rest get 409.
  {
    route: 'POST /api/v1/scoring/assessment/finalise', permission: 'party:scoring:config', write: true, target: 'none', ok: [201, 409],
    build: (x) => ({ path: '/api/v1/scoring/assessment/finalise', body: { year: Number(x.today.slice(0, 4)) - 1 } }),
  },
  { route: 'GET /api/v1/commendations', permission: 'party:scoring:list', write: false, target: 'none', build: () => ({ path: '/api/v1/commendations' }) },
  {
    route: 'GET /api/v1/commendations', variant: 'org', permission: 'party:scoring:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/commendations?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/commendations/{id}', permission: 'party:scoring:list', write: false, target: 'path', record: 'commendation',
    build: async (x) => ({ path: `/api/v1/commendations/${(await x.commendation()).id}` }),
  },
  {
    route: 'POST /api/v1/commendations', permission: 'party:commendation:edit', write: true, target: 'body', field: 'unit_id', ok: [201, 409],
    build: (x) => ({
      path: '/api/v1/commendations',
      body: { kind: 'advanced_branch', year: Number(x.yesterday.slice(0, 4)), decided_on: x.yesterday, basis: '授权矩阵表彰决定', unit_id: x.unit().id },
    }),
  },
  {
    route: 'POST /api/v1/commendations/{id}/revoke', permission: 'party:commendation:edit', write: true, target: 'path', record: 'commendation', destructive: true, ok: [200],
    build: async (x) => ({ path: `/api/v1/commendations/${(await x.commendation()).id}/revoke`, body: { reason: '授权矩阵撤销' } }),
  },

  // ---- member points (党员积分) ----
  // Rules belong to a hospital; a version from tomorrow changes no point of today (a second one the
  // same day is a 400 for its date, still an allowed call).
  {
    route: 'GET /api/v1/points/rules', permission: 'party:points:list|party:points:own', write: false, target: 'none',
    build: () => ({ path: '/api/v1/points/rules' }),
  },
  {
    route: 'POST /api/v1/points/rules', permission: 'party:points:rules', write: true, target: 'none',
    build: (x) => ({ path: '/api/v1/points/rules', body: { action: 'lecture', name: '讲党课', points: 5, cycle: 'quarter', cycle_cap: 10, year_cap: 20, effective_from: isoPlusDays(x.today, 1 + x.n()) } }),
  },
  { route: 'GET /api/v1/points/ranking', permission: 'party:points:list', write: false, target: 'none', build: () => ({ path: '/api/v1/points/ranking' }) },
  {
    route: 'GET /api/v1/points/ranking', variant: 'org', permission: 'party:points:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/points/ranking?org=${x.unit().id}` }),
  },
  {
    route: 'GET /api/v1/points/members/{id}', permission: 'party:points:list', write: false, target: 'path', record: 'member',
    build: async (x) => ({ path: `/api/v1/points/members/${(await x.member()).id}` }),
  },
  // The caller's own points: the demo `member` account is tied to 王丽娟.
  { route: 'GET /api/v1/me/points', permission: 'party:points:own', write: false, target: 'none', build: () => ({ path: '/api/v1/me/points' }) },
  { route: 'GET /api/v1/points/entries', permission: 'party:points:list', write: false, target: 'none', build: () => ({ path: '/api/v1/points/entries' }) },
  {
    route: 'GET /api/v1/points/entries', variant: 'org', permission: 'party:points:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/points/entries?org=${x.unit().id}` }),
  },
  {
    route: 'POST /api/v1/points/entries', permission: 'party:points:edit', write: true, target: 'body', field: 'member_id', ok: [201],
    build: async (x) => ({ path: '/api/v1/points/entries', body: { member_id: (await x.member()).id, action: 'manual_bonus', points: 1, occurred_on: x.today, reason: '授权矩阵测试' } }),
  },
  // An entry proposed by the hospital's fixture party office, so every walked caller may decide it;
  // once decided, a second decision is a 409 (still allowed).
  {
    route: 'POST /api/v1/points/entries/{id}/approve', permission: 'party:points:approve', write: true, target: 'path', record: 'points entry',
    build: async (x) => ({ path: `/api/v1/points/entries/${(await x.pointsEntry()).id}/approve`, body: {} }),
  },
  {
    route: 'POST /api/v1/points/entries/{id}/reject', permission: 'party:points:approve', write: true, target: 'path', record: 'points entry',
    build: async (x) => ({ path: `/api/v1/points/entries/${(await x.pointsEntry()).id}/reject`, body: { note: '授权矩阵驳回' } }),
  },

  // ---- integrity (清廉) ----
  // Post classes belong to a hospital; writing the defaults back changes no roll.
  { route: 'GET /api/v1/integrity/post-classes', permission: 'party:integrity:list', write: false, target: 'none', build: () => ({ path: '/api/v1/integrity/post-classes' }) },
  {
    route: 'PUT /api/v1/integrity/post-classes', permission: 'party:integrity:edit', write: true, target: 'none', ok: [200],
    build: () => ({ path: '/api/v1/integrity/post-classes', body: { classes: DEFAULT_POST_CLASSES } }),
  },
  { route: 'GET /api/v1/integrity/pledges', permission: 'party:integrity:list', write: false, target: 'none', build: () => ({ path: '/api/v1/integrity/pledges' }) },
  {
    route: 'GET /api/v1/integrity/pledges', variant: 'org', permission: 'party:integrity:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/integrity/pledges?org=${x.unit().id}` }),
  },
  // The member holds a 科室负责人 post (a 双任免), so is on this year's roll; a second signature is a 409.
  {
    route: 'POST /api/v1/integrity/pledges', permission: 'party:integrity:edit', write: true, target: 'body', field: 'member_id',
    build: async (x) => {
      const m = await x.member();
      await x.sub('dual', m);
      return { path: '/api/v1/integrity/pledges', body: { member_id: m.id, year: Number(x.today.slice(0, 4)), signed_on: x.today } };
    },
  },
  {
    route: 'GET /api/v1/integrity/pledges/{id}', permission: 'party:integrity:list', write: false, target: 'path', record: 'pledge',
    build: async (x) => ({ path: `/api/v1/integrity/pledges/${(await x.pledge()).id}` }),
  },
  {
    route: 'POST /api/v1/integrity/pledges/{id}/void', permission: 'party:integrity:edit', write: true, target: 'path', record: 'pledge',
    build: async (x) => ({ path: `/api/v1/integrity/pledges/${(await x.pledge()).id}/void`, body: { reason: '授权矩阵作废' } }),
  },
  { route: 'GET /api/v1/integrity/self-check-items', permission: 'party:integrity:list', write: false, target: 'none', build: () => ({ path: '/api/v1/integrity/self-check-items' }) },
  { route: 'GET /api/v1/integrity/self-checks', permission: 'party:integrity:list', write: false, target: 'none', build: () => ({ path: '/api/v1/integrity/self-checks' }) },
  {
    route: 'GET /api/v1/integrity/self-checks', variant: 'org', permission: 'party:integrity:list', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/integrity/self-checks?org=${x.unit().id}` }),
  },
  {
    route: 'POST /api/v1/integrity/self-checks', permission: 'party:integrity:edit', write: true, target: 'body', field: 'member_id', ok: [201],
    build: async (x) => ({ path: '/api/v1/integrity/self-checks', body: selfCheckBody((await x.member()).id, x.today) }),
  },
  {
    route: 'GET /api/v1/integrity/self-checks/{id}', permission: 'party:integrity:list', write: false, target: 'path', record: 'self-check',
    build: async (x) => ({ path: `/api/v1/integrity/self-checks/${(await x.selfCheck()).id}` }),
  },

  // ---- health: visits, service items, visit plans, coverage (issue 7) ----
  // Health records are not in the org tree: a caller's reach is its hospital and its team's
  // villages (VillageScope), exercised by tests/api/visits.test.mjs and coverage.test.mjs. Here
  // every route is walked for its permission; for a route naming a record, a caller holding the
  // permission is a not-applicable cell (the record checks are those API tests'), one without it
  // must get the 403 before any record is looked at.
  { route: 'GET /api/v1/visits', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/visits' }) },
  { route: 'GET /api/v1/visits/offline-bundle', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/visits/offline-bundle' }) },
  { route: 'GET /api/v1/visits/form/{household_id}', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/visits/form/999999999' }) },
  { route: 'GET /api/v1/visits/{id}', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/visits/999999999' }) },
  { route: 'POST /api/v1/visits', permission: 'health:visit:edit', write: true, target: 'none', ok: [400], build: () => ({ path: '/api/v1/visits', body: { persons: [] } }) },
  { route: 'POST /api/v1/visits/{id}/void', permission: 'health:visit:edit', write: true, target: 'none', build: (x) => healthCell(x, 'health:visit:edit', { path: '/api/v1/visits/999999999/void', body: { reason: '误录', version: 1 } }) },
  {
    route: 'POST /api/v1/visits/{id}/photo', permission: 'health:visit:edit', write: true, target: 'none',
    build: (x) => healthCell(x, 'health:visit:edit', { path: '/api/v1/visits/999999999/photo', raw: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), contentType: 'application/octet-stream' }),
  },
  { route: 'GET /api/v1/visits/{id}/photo', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/visits/999999999/photo' }) },
  { route: 'GET /api/v1/service-items', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/service-items?household=999999999' }) },
  { route: 'POST /api/v1/service-items', permission: 'health:visit:edit', write: true, target: 'none', build: (x) => healthCell(x, 'health:visit:edit', { path: '/api/v1/service-items', body: { household_id: 999999999, item: '随访', owner: '队员' } }) },
  { route: 'POST /api/v1/service-items/{id}/status', permission: 'health:visit:edit', write: true, target: 'none', build: (x) => healthCell(x, 'health:visit:edit', { path: '/api/v1/service-items/999999999/status', body: { status: '进行中', version: 1 } }) },
  { route: 'GET /api/v1/service-items/{id}/history', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/service-items/999999999/history' }) },
  { route: 'GET /api/v1/visit-plans', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/visit-plans' }) },
  { route: 'GET /api/v1/visit-plans/{id}', permission: 'health:visit:list', write: false, target: 'none', build: (x) => healthCell(x, 'health:visit:list', { path: '/api/v1/visit-plans/999999999' }) },
  { route: 'POST /api/v1/visit-plans', permission: 'health:visit:edit', write: true, target: 'none', ok: [400], build: () => ({ path: '/api/v1/visit-plans', body: { kind: 'week' } }) },
  { route: 'POST /api/v1/visit-plans/{id}/cancel', permission: 'health:visit:edit', write: true, target: 'none', build: (x) => healthCell(x, 'health:visit:edit', { path: '/api/v1/visit-plans/999999999/cancel', body: { reason: '合并', version: 1 } }) },
  { route: 'GET /api/v1/coverage', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/coverage' }) },
  { route: 'GET /api/v1/coverage/households', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/coverage/households' }) },
  { route: 'GET /api/v1/coverage/persons', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/coverage/persons' }) },
  { route: 'GET /api/v1/coverage/export', permission: 'health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/coverage/export' }) },
  // ---- health: divisions, outreach teams (分片负责) and 一对一帮扶 pairings ----
  // The demo's teams and pairings are 大足's (tenant 2): team 1 is 第一帮扶队 (the outreach login
  // serves in it), its first member row and village row are 1, pairing 1 is a demo pairing. The
  // writes are sent so they change nothing (a stale version → 409, a missing field → 400). A
  // caller of another hospital holding health:outreach:edit (the superior office) writes only its
  // own hospital, where these ids do not exist: not applicable until the matrix has a team record.
  { route: 'GET /api/v1/divisions', permission: 'health:registry:list|health:outreach:list|health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/divisions?parent=500111103' }) },
  { route: 'GET /api/v1/divisions/{code}', permission: 'health:registry:list|health:outreach:list|health:visit:list', write: false, target: 'none', build: () => ({ path: '/api/v1/divisions/500111103200' }) },
  { route: 'GET /api/v1/outreach/teams', permission: 'health:outreach:list', write: false, target: 'none', build: () => ({ path: '/api/v1/outreach/teams' }) },
  { route: 'GET /api/v1/outreach/teams/{id}', permission: 'health:outreach:list', write: false, target: 'none', build: () => ({ path: '/api/v1/outreach/teams/1' }) },
  {
    route: 'POST /api/v1/outreach/teams', permission: 'health:outreach:edit', write: true, target: 'none', ok: [201],
    build: (x) => ({ path: '/api/v1/outreach/teams', body: { name: `矩阵帮扶队${x.n()}`, leader_name: '矩阵队长' } }),
  },
  {
    route: 'PUT /api/v1/outreach/teams/{id}', permission: 'health:outreach:edit', write: true, target: 'none', ok: [409],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1', body: { name: '第一帮扶队', leader_name: '李明华', version: 0 } }),
  },
  {
    route: 'POST /api/v1/outreach/teams/{id}/end', permission: 'health:outreach:edit', write: true, target: 'none', ok: [409],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1/end', body: { ended_on: x.today, reason: '授权矩阵', version: 0 } }),
  },
  {
    route: 'POST /api/v1/outreach/teams/{id}/members', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1/members', body: {} }),
  },
  {
    route: 'POST /api/v1/outreach/teams/{id}/members/{member}/leave', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1/members/1/leave', body: {} }),
  },
  {
    route: 'POST /api/v1/outreach/teams/{id}/villages', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1/villages', body: {} }),
  },
  {
    route: 'POST /api/v1/outreach/teams/{id}/villages/{village}/end', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/teams/1/villages/1/end', body: {} }),
  },
  { route: 'GET /api/v1/outreach/leaders', permission: 'health:outreach:list', write: false, target: 'none', build: () => ({ path: '/api/v1/outreach/leaders' }) },
  { route: 'GET /api/v1/outreach/pairings', permission: 'health:outreach:list', write: false, target: 'none', build: () => ({ path: '/api/v1/outreach/pairings' }) },
  {
    route: 'POST /api/v1/outreach/pairings', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: () => ({ path: '/api/v1/outreach/pairings', body: {} }),
  },
  {
    route: 'POST /api/v1/outreach/pairings/{id}/end', permission: 'health:outreach:edit', write: true, target: 'none', ok: [400],
    build: (x) => teamWrite(x, { path: '/api/v1/outreach/pairings/1/end', body: {} }),
  },
  // ---- 建档立卡 registry (health/registry) ----
  // Households belong to the hospital and its villages, not to a Party branch (tenantWide); the
  // village scope of outreach team members is tested in tests/api/registry.test.mjs.
  { route: 'GET /api/v1/registry/households', permission: 'health:registry:list', write: false, target: 'none', build: () => ({ path: '/api/v1/registry/households' }) },
  {
    route: 'GET /api/v1/registry/households/{id}', permission: 'health:registry:list', write: false, target: 'path', record: 'household', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/registry/households/${(await x.household()).id}` }),
  },
  {
    route: 'GET /api/v1/registry/households/{id}/pii', permission: 'health:registry:pii', write: false, target: 'path', record: 'household', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/registry/households/${(await x.household()).id}/pii` }),
  },
  {
    route: 'POST /api/v1/registry/households', permission: 'health:registry:edit', write: true, target: 'none', ok: [201],
    build: (x) => ({
      path: '/api/v1/registry/households',
      body: { village_code: '500111103200', poverty_cause: '因残', status: '未脱贫', status_since: x.yesterday, registered_on: x.yesterday, head: { name: `矩阵新户${x.n()}`, id_number: idNumberFor(x.n()), relation: '户主' } },
    }),
  },
  {
    route: 'PUT /api/v1/registry/households/{id}', permission: 'health:registry:edit', write: true, target: 'path', record: 'household', tenantWide: true, ok: [200],
    build: async (x) => {
      const h = await x.household();
      return { path: `/api/v1/registry/households/${h.id}`, body: { village_code: '500111103200', poverty_cause: '因病', status: '脱贫', status_since: '2019-12-20', registered_on: '2015-06-15', note: `矩阵${x.n()}`, version: await x.householdVersion(h) } };
    },
  },
  {
    route: 'POST /api/v1/registry/households/{id}/close', permission: 'health:registry:edit', write: true, target: 'path', record: 'household', tenantWide: true, destructive: true, ok: [200],
    build: async (x) => {
      const h = await x.household();
      return { path: `/api/v1/registry/households/${h.id}/close`, body: { closed_on: x.today, reason: '授权矩阵测试', version: await x.householdVersion(h) } };
    },
  },
  {
    route: 'POST /api/v1/registry/households/{id}/persons', permission: 'health:registry:edit', write: true, target: 'path', record: 'household', tenantWide: true, ok: [201],
    build: async (x) => ({ path: `/api/v1/registry/households/${(await x.household()).id}/persons`, body: { name: `矩阵子女${x.n()}`, id_number: idNumberFor(x.n()), relation: '子' } }),
  },
  { route: 'GET /api/v1/registry/persons', permission: 'health:registry:list', write: false, target: 'none', build: () => ({ path: '/api/v1/registry/persons' }) },
  {
    route: 'GET /api/v1/registry/persons/{id}', permission: 'health:registry:list', write: false, target: 'path', record: 'household', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/registry/persons/${(await x.household()).head}` }),
  },
  {
    route: 'GET /api/v1/registry/persons/{id}/pii', permission: 'health:registry:pii', write: false, target: 'path', record: 'household', tenantWide: true,
    build: async (x) => ({ path: `/api/v1/registry/persons/${(await x.household()).head}/pii` }),
  },
  {
    route: 'PUT /api/v1/registry/persons/{id}', permission: 'health:registry:edit', write: true, target: 'path', record: 'household', tenantWide: true, ok: [200],
    build: async (x) => {
      const h = await x.household();
      return { path: `/api/v1/registry/persons/${h.spouse}`, body: { name: '矩阵配偶', relation: '妻', chronic: ['高血压'], version: await x.personVersion(h, h.spouse) } };
    },
  },
  {
    route: 'POST /api/v1/registry/persons/{id}/leave', permission: 'health:registry:edit', write: true, target: 'path', record: 'household', tenantWide: true, destructive: true, ok: [200],
    build: async (x) => {
      const h = await x.household();
      return { path: `/api/v1/registry/persons/${h.spouse}/leave`, body: { left_on: x.today, left_reason: '迁出', version: await x.personVersion(h, h.spouse) } };
    },
  },
  { route: 'GET /api/v1/registry/persons/export', permission: 'health:registry:export', write: false, target: 'none', build: () => ({ path: '/api/v1/registry/persons/export' }) },
  { route: 'GET /api/v1/registry/import/template', permission: 'health:registry:import', write: false, target: 'none', build: () => ({ path: '/api/v1/registry/import/template' }) },
  {
    // One new household in 东林村; the preview writes nothing.
    route: 'POST /api/v1/registry/import/preview', permission: 'health:registry:import', write: true, target: 'none', ok: [200],
    build: (x) => ({ path: '/api/v1/registry/import/preview', raw: registryCsv(x.n()), contentType: 'text/csv' }),
  },
  {
    route: 'POST /api/v1/registry/import', permission: 'health:registry:import', write: true, target: 'none', ok: [202],
    build: (x) => ({ path: '/api/v1/registry/import', raw: registryCsv(x.n()), contentType: 'text/csv' }),
  },

  // ---- figures ----
  { route: 'GET /api/v1/figures', permission: 'figures:view', write: false, target: 'none', build: () => ({ path: '/api/v1/figures' }) },
  { route: 'GET /api/v1/figures/{name}', permission: 'figures:view', write: false, target: 'none', build: () => ({ path: '/api/v1/figures/members_by_status' }) },
  {
    route: 'GET /api/v1/figures/{name}', variant: 'org', permission: 'figures:view', write: false, target: 'query',
    build: (x) => ({ path: `/api/v1/figures/members_by_unit?org=${x.unit().id}` }),
  },
];

// DefaultPostClasses() of party/integrity/rules.cpp, as PUT /api/v1/integrity/post-classes takes it.
const DEFAULT_POST_CLASSES = [
  ...['科主任', '副主任', '护士长', '副护士长', '科室负责人', '职能部门负责人'].map((keyword) => ({ cls: 'middle', keyword })),
  ...['采购', '财务', '药剂', '设备', '基建', '医保', '招标'].map((keyword) => ({ cls: 'key', keyword })),
];

// A clean 九不准 self-check of member `id` for this year, checked today.
export function selfCheckBody(id, today) {
  const answers = Array.from({ length: 9 }, (_, i) => ({ item: i + 1, found: false }));
  return { member_id: id, period: today.slice(0, 4), checked_on: today, answers };
}

// A health route naming a record: checked for callers without `permission` (403), not applicable
// for those holding it (village scope is tests/api/visits.test.mjs's and coverage.test.mjs's).
function healthCell(x, permission, req) {
  if (x.caller.permissions && x.caller.permissions.has(permission)) return { na: 'health records are scoped by village, not by org unit: checked by tests/api/visits.test.mjs' };
  return req;
}
// A write naming 大足's demo team or pairing by id: not applicable to an allowed caller of
// another hospital (its writes reach its own hospital only, where the id names nothing).
function teamWrite(x, req) {
  if (x.caller.session && x.caller.tenant !== 2 && x.caller.permissions.has('health:outreach:edit'))
    return { na: "大足's demo team and pairing ids name nothing in the caller's own hospital" };
  return req;
}
// A valid ID number of the registry entries (region 500197: no other test or the demo uses it).
function idNumberFor(n) {
  const d = new Date(Date.UTC(1950, 0, 1) + n * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `500197${d}${String(((n * 2) % 1000) + 1).padStart(3, '0').slice(-3)}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * W[i];
  return first17 + '10X98765432'[sum % 11];
}
// A 建档立卡 list of one household (its 户主 alone) in 东林村.
function registryCsv(n) {
  return `村,户编号,姓名,身份证号,与户主关系,致贫原因,户类型,状态日期\n东林村,MX${n},矩阵导入${n},${idNumberFor(n)},户主,因病,脱贫,2020-12-20\n`;
}

// YYYY-MM-DD n days after `iso`.
function isoPlusDays(iso, n) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

export const routeKey = (e) => e.route;
export const entryName = (e) => (e.variant ? `${e.route} [${e.variant}]` : e.route);
