// Browser test of 党员积分 and 清廉: the member opens 我的积分 and sees the total and every event
// with its reason, as the API gives them; the party office opens the ranking and a member's
// detail, sees its own pending entry it may not approve, registers an unsigned 廉洁从业承诺书 and
// opens the signed form on its A4 print page.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/points.e2e.mjs
//
// Screenshots go to build/e2e/points-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { waitForText } from './lib/element.mjs'

const e2e = useE2E()

test('the member sees 我的积分 with the reasons', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'member')
  await page.locator('[data-menu="my-points"]').click()
  await page.waitForURL(/#\/party\/points\/mine/)
  const me = await apiGet(page, '/api/v1/me/points')
  const rows = page.locator('[data-test="points-events"] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), me.items.length)
  await waitForText(page.locator('[data-test="points-total"]'), new RegExp(`^${me.points}`))
  await waitForText(page.locator('[data-test="points-detail"]'), /获评院级“优秀共产党员”/)
  await screenshot(page, 'points-mine')
})

test('the party office: ranking, its own pending entry, a pledge signed and printed', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await page.locator('[data-menu="points"]').click()
  await page.waitForURL(/#\/party\/points$/)
  const ranking = page.locator('[data-test="points-ranking"] .el-table__body tr')
  await ranking.first().waitFor()
  await page.locator('[data-test="points-open"]').first().click()
  await page.locator('[data-test="points-detail"]').waitFor()
  await screenshot(page, 'points-ranking', { fullPage: false })
  await page.keyboard.press('Escape')

  await page.locator('[data-menu="points-entries"]').click()
  await page.waitForURL(/#\/party\/points\/entries/)
  await waitForText(page.locator('[data-test="entries-list"]'), /本人提出/)
  await screenshot(page, 'points-entries')

  await page.locator('[data-menu="integrity"]').click()
  await page.waitForURL(/#\/party\/integrity$/)
  await page.locator('[data-test="pledge-signed"]').getByText('未签署').click()
  const before = await apiGet(page, '/api/v1/integrity/pledges?signed=no&size=1')
  const first = before.items[0]
  // The filtered list must have replaced the whole roll before the click: a row that moves under
  // the pointer would sign someone else.
  await waitForText(page.locator('[data-test="pledge-list"] .el-table__body tr').first(), new RegExp(first.name))
  await page.locator('[data-test="pledge-sign"]').first().click()
  await waitForText(page.locator('[data-test="pledge-sign-form"]'), new RegExp(first.name))
  await page.locator('[data-test="pledge-sign-form"]').waitFor()
  await page.locator('[data-test="pledge-sign-save"]').click()
  await waitForText(page.locator('.el-message').last(), /已登记/)
  const after = await apiGet(page, '/api/v1/integrity/pledges?signed=no&size=1')
  assert.equal(after.unsigned, before.unsigned - 1)
  const signed = await apiGet(page, `/api/v1/integrity/pledges?signed=yes&q=${encodeURIComponent(first.name)}&size=50`)
  const row = signed.items.find((x) => x.member_id === first.member_id)
  assert.ok(row && row.pledge_id, 'the pledge is recorded')
  await screenshot(page, 'integrity-pledges')

  await page.goto(`/#/print/pledge/${row.pledge_id}`)
  const sheet = page.locator('[data-test="pledge-sheet"]')
  await waitForText(sheet, /廉洁从业承诺书/)
  await waitForText(sheet, new RegExp(first.name))
  await screenshot(page, 'integrity-pledge-print')
})
