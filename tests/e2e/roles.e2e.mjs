// Browser test: every demo role signs in through the login page and sees exactly its menus;
// the system administrator adds a user (a bad phone first, shown at the phone field) and the
// audit administrator finds the `create` row for that user.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/roles.e2e.mjs
//
// Starts its own server on a free port with a fresh demo database in a temp dir, drives
// Debian's /usr/bin/chromium with playwright-core, and writes screenshots to build/e2e/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { errorTexts, login, logout, screenshot, useE2E } from './lib/browser.mjs'

// 健康帮扶's team pages (health:outreach:list: admin, outreach, leader, auditor).
const health = ['registry', 'coverage', 'visits', 'visit-plans', 'outreach-teams', 'outreach-areas', 'outreach-pairings']
// Menu items (route names) beyond 首页 and 个人中心, per docs/platform-api.md's demo roles.
const extraMenus = {
  admin: ['figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', ...health, 'field'],
  secretary: ['figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks'],
  member: ['my-points'],
  outreach: [...health, 'field'],
  leader: ['figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', ...health],
  auditor: ['figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', ...health],
  sysadmin: ['user'],
  secadmin: ['role', 'policy'],
  audadmin: ['audit-log'],
}

const newUser = { username: 'e2e_nurse', name: '测试护士', password: 'Ward#Seven2026', phone: '13800138000' }

const e2e = useE2E()
let createdUserId

async function menuItems(page) {
  return page.locator('[data-menu]').evaluateAll((els) => els.map((e) => e.dataset.menu).sort())
}

// ---- tests ------------------------------------------------------------------------------------

for (const [username, extra] of Object.entries(extraMenus)) {
  test(`${username} sees exactly its menus`, { timeout: 90_000 }, async () => {
    const page = await e2e.newPage()
    await login(page, username)
    assert.deepEqual(await menuItems(page), ['dashboard', 'profile', ...extra].sort())
    await page.locator('[data-test="welcome"] .el-tag').first().waitFor()
    await screenshot(page, username)
    assert.deepEqual(page.errors, [])
    await logout(page)
  })
}

test('sysadmin adds a user: a bad phone is shown at the phone field, then the user is listed', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'sysadmin')
  await page.locator('[data-menu="user"]').click()
  await page.waitForURL(/#\/system\/user/)
  await page.locator('[data-test="user-add"]').click()
  const dialog = page.getByRole('dialog', { name: '新增用户' })
  await dialog.waitFor()
  const field = (name) => dialog.locator(`[data-field="${name}"]`)
  await field('username').locator('input').fill(newUser.username)
  await field('name').locator('input').fill(newUser.name)
  await field('password').locator('input').fill(newUser.password)
  await field('phone').locator('input').fill('12345')

  const save = async () =>
    (
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
        dialog.locator('[data-test="user-save"]').click(),
      ])
    )[0]

  const refused = await save()
  assert.equal(refused.status(), 400)
  const phoneError = field('phone').locator('.el-form-item__error')
  await phoneError.waitFor()
  assert.ok((await phoneError.innerText()).trim().length > 0, 'the phone field shows a message')
  for (const other of ['username', 'name', 'password']) {
    assert.equal(await field(other).locator('.el-form-item__error').count(), 0, `no error at ${other}`)
  }
  await screenshot(page, 'sysadmin-phone-error')

  await field('phone').locator('input').fill(newUser.phone)
  const created = await save()
  assert.equal(created.status(), 201, `add user: ${await errorTexts(page)}`)
  createdUserId = (await created.json()).id
  assert.ok(createdUserId !== undefined, 'the created user has an id')
  await dialog.waitFor({ state: 'hidden' })

  await page.locator('[data-test="user-search"]').fill(newUser.username)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes(`q=${newUser.username}`)),
    page.getByRole('button', { name: '搜索' }).click(),
  ])
  const row = page.locator('[data-test="user-table"] .el-table__row', { hasText: newUser.username })
  await row.first().waitFor()
  assert.match(await row.first().innerText(), new RegExp(newUser.name))
  assert.match(await row.first().innerText(), /138\*{4}8000/, 'the phone is masked in the list')
  await screenshot(page, 'sysadmin-user-added')
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('audadmin finds the create row of the new user and the chain verifies', { timeout: 90_000 }, async () => {
  assert.ok(createdUserId !== undefined, 'needs the user added by the sysadmin test')
  const page = await e2e.newPage()
  await login(page, 'audadmin')
  await page.locator('[data-menu="audit-log"]').click()
  await page.waitForURL(/#\/audit\/log/)
  await page.locator('[data-test="audit-record-id"]').fill(String(createdUserId))
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes(`record_id=${createdUserId}`)),
    page.locator('[data-test="audit-search"]').click(),
  ])
  const row = page
    .locator('[data-test="audit-table"] .el-table__row')
    .filter({ has: page.locator('[data-action="create"]') })
    .filter({ has: page.locator(`[data-record$=":${createdUserId}"]`) })
  await row.first().waitFor()
  assert.match(await row.first().innerText(), /sysadmin/, 'the row names the sysadmin who added the user')
  await row.first().locator('.el-table__expand-icon').click()
  await page.locator('.el-table__expanded-cell').first().waitFor()

  await page.locator('[data-test="audit-verify"]').click()
  const verdict = page.locator('[data-test="audit-verify-result"]')
  await verdict.waitFor()
  assert.match(await verdict.innerText(), /哈希链完整/)
  await screenshot(page, 'audadmin-audit')
  assert.deepEqual(page.errors, [])
  await logout(page)
})
