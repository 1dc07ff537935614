// Browser test of 党费: the branch secretary opens 党费管理, sees the member the demo left seven
// months unpaid flagged, pays this month's dues for another member of 内科党支部 in the member
// ledger's pay dialog, sees the receipt, and sees the branch total of this month grow by the amount.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/dues.e2e.mjs
//
// Screenshots go to build/e2e/dues-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { waitForText } from './lib/element.mjs'

const e2e = useE2E()
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::input').first()
const thisMonth = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)
const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

test('secretary pays a member\'s dues and sees the branch total', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')
  const month = thisMonth()
  const year = month.slice(0, 4)
  const tree = await apiGet(page, '/api/v1/org/tree')
  const branch = tree.items.find((u) => u.name === '内科党支部')
  const flagged = (await apiGet(page, `/api/v1/dues/arrears?org=${branch.id}&flagged=1`)).items
  assert.ok(flagged.length >= 1, 'the demo leaves one member seven months unpaid')
  const owing = (await apiGet(page, `/api/v1/dues/arrears?org=${branch.id}&size=200`)).items.map((a) => a.member_id)
  const roll = (await apiGet(page, `/api/v1/members?org=${branch.id}&size=50`)).items
  const member = roll.find((m) => !owing.includes(m.id))
  const before = await apiGet(page, `/api/v1/dues/totals?org=${branch.id}&year=${year}`)
  const due = (await apiGet(page, `/api/v1/dues/members/${member.id}/ledger?year=${year}`)).months.find((m) => m.month === month)
  assert.ok(due.owed_fen > 0, 'this month is still owed')

  // 党费管理: the month table, then the arrears with the flagged member in red.
  await page.locator('[data-menu="dues"]').click()
  await page.waitForURL(/#\/party\/dues/)
  await waitForText(page.locator('[data-test="dues-totals-title"]'), /内科党支部/)
  await page.locator('.el-tabs__item', { hasText: '欠交党费' }).click()
  await page.locator('[data-test="arrears-flagged"]').click()
  const arrears = page.locator('[data-test="dues-arrears"]')
  await waitForText(arrears.locator('.el-table__body'), new RegExp(flagged[0].name))
  await waitForText(arrears.locator('.el-tag--danger').first(), /个月/)
  await screenshot(page, 'dues-arrears')

  // The member's ledger: pay this month.
  await page.goto(`${e2e.baseUrl}/#/party/dues/member/${member.id}`)
  await waitForText(page.locator('[data-test="dues-member-title"]'), new RegExp(member.name))
  await page.locator('[data-test="dues-pay"]').click()
  const dialog = page.locator('[data-test="pay-dialog"]')
  await dialog.waitFor()
  await inputOf(dialog.locator('[data-test="pay-amount"]')).fill(yuan(due.owed_fen))
  await inputOf(dialog.locator('[data-test="pay-collector"]')).fill('组织委员')
  await screenshot(page, 'dues-pay-dialog', { fullPage: false })
  await dialog.locator('[data-test="pay-save"]').click()
  await dialog.waitFor({ state: 'hidden' })
  const months = page.locator('[data-test="dues-months"]')
  const row = months.locator('.el-table__body tr', { hasText: month })
  await waitForText(row.locator('td').nth(4), '0.00')
  const payments = page.locator('[data-test="dues-member-payments"] .el-table__body tr')
  await waitForText(payments.last(), new RegExp(yuan(due.owed_fen).replace('.', '\\.')))
  await screenshot(page, 'dues-member-ledger')

  // The receipt (A4 print view).
  const paid = (await apiGet(page, `/api/v1/dues/payments?member=${member.id}&sort=-id&size=1`)).items[0]
  await page.goto(`${e2e.baseUrl}/#/print/dues-receipt/${paid.id}`)
  await waitForText(page.locator('[data-test="receipt-amount"]'), yuan(due.owed_fen))
  await screenshot(page, 'dues-receipt')

  // The branch total of this month grew by the amount.
  await page.goto(`${e2e.baseUrl}/#/party/dues`)
  const totals = page.locator('[data-test="dues-totals"]')
  const expected = before.months.find((m) => m.month === month).paid_fen + due.owed_fen
  await waitForText(totals.locator('.el-table__body tr', { hasText: month }).locator('td').nth(3), yuan(expected))
  const after = await apiGet(page, `/api/v1/dues/totals?org=${branch.id}&year=${year}`)
  assert.equal(after.months.find((m) => m.month === month).paid_fen, expected)
  await screenshot(page, 'dues-totals')
})
