// Browser test of 覆盖情况 (issue 7): the outreach team member (周永红, 第一帮扶队) opens the
// coverage screen, sees only her team's three villages, records a visit for the first household
// not yet visited this month — on a phone-sized screen, every member seen — and sees it leave
// the 未走访户 list, the count going down by one.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/coverage.e2e.mjs
//
// Screenshots go to build/e2e/coverage-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { waitForText } from './lib/element.mjs'

const e2e = useE2E()

test('outreach records a visit and the household leaves the not-visited list', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'outreach')
  await page.locator('[data-menu="coverage"]').click()
  await page.waitForURL(/\/health\/coverage/)
  const households = page.locator('[data-test="coverage-households"]')
  await households.locator('.el-table__body tr').first().waitFor()

  const before = await apiGet(page, '/api/v1/coverage')
  assert.deepEqual(before.villages.map((v) => v.name), ['东林村', '明月村', '麻杨村'], 'only her team\'s villages')
  const list = await apiGet(page, '/api/v1/coverage/households?state=not_visited&size=1')
  const target = list.items[0]
  assert.ok(target, 'a household of her villages not yet visited this month')
  await screenshot(page, 'coverage-before')

  // The first row is the first household not visited (sorted by village, then number).
  const firstRow = households.locator('.el-table__body tr').first()
  assert.match(await firstRow.innerText(), new RegExp(target.number))
  await firstRow.locator('[data-test="coverage-record"]').click()
  await page.waitForURL(/\/health\/visits\/new\/\d+/)

  await page.setViewportSize({ width: 375, height: 812 })
  const form = page.locator('[data-test="visit-form"]')
  const members = form.locator('[data-test="visit-member"]')
  await members.first().waitFor()
  const n = await members.count()
  assert.ok(n >= 1)
  for (let i = 0; i < n; i++) await members.nth(i).getByText('已见面', { exact: true }).click()
  await form.getByText('健康教育', { exact: true }).click()
  await screenshot(page, 'coverage-visit-form-phone')
  await form.locator('[data-test="visit-save"]').click()
  await page.waitForURL(/\/health\/coverage/)
  await page.setViewportSize({ width: 1280, height: 800 })

  await households.locator('.el-table__body tr').first().waitFor()
  const after = await apiGet(page, '/api/v1/coverage')
  assert.equal(after.totals.not_visited, before.totals.not_visited - 1, 'one household fewer not visited')
  const again = await apiGet(page, `/api/v1/coverage/households?state=not_visited&size=200`)
  assert.ok(!again.items.some((h) => h.id === target.id), 'the household left the not-visited list')
  await page.waitForFunction(
    (num) => ![...document.querySelectorAll('[data-test="coverage-households"] .el-table__body tr')].some((tr) => tr.innerText.includes(num)),
    target.number,
  )
  await screenshot(page, 'coverage-after')

  // On a phone the sidebar is behind the menu button: 走访记录 from the drawer lists the visit.
  await page.setViewportSize({ width: 375, height: 812 })
  await page.locator('.el-aside').waitFor({ state: 'detached' })
  await page.locator('[data-test="menu-toggle"]').click()
  const drawer = page.locator('[data-test="menu-drawer"]')
  await drawer.locator('[data-menu="visits"]').click()
  await page.waitForURL(/\/health\/visits$/)
  await drawer.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="visit-list"] .el-table__body'), new RegExp(target.number))
  await screenshot(page, 'visits-phone')
})
