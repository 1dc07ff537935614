// Browser test of 量化记分 and 表彰: 大足's party office records a 六有 inspection of a branch with
// a score per item (the running total shown), sees it listed; opens the year's ranking, finalises
// it after the irreversible-step confirmation and sees it marked decided; and on the 表彰 page
// revokes a commendation with a reason, the record staying as 已撤销.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/scoring.e2e.mjs
//
// Screenshots go to build/e2e/scoring-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, pickOption, waitForText } from './lib/element.mjs'

const e2e = useE2E()

function yesterdayShanghai() {
  const d = new Date(Date.now() + 8 * 3600 * 1000 - 86400 * 1000)
  return d.toISOString().slice(0, 10)
}

test('admin scores a branch per item, finalises the year and revokes a commendation', { timeout: 240_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  const tree = (await apiGet(page, '/api/v1/org/tree')).items
  const branch = tree.find((u) => u.kind === 'branch').name

  await page.locator('[data-menu="scoring-inspections"]').click()
  await page.waitForURL(/\/party\/scoring\/inspections/)
  await page.locator('[data-test="inspection-add"]').click()
  const dialog = page.locator('[data-test="inspection-dialog"]')
  await dialog.waitFor()
  await pickOption(page, dialog.locator('[data-test="inspection-unit"]'), branch)
  await fillDate(page, dialog.locator('[data-test="inspection-date"]'), yesterdayShanghai())
  // Every 六有 item gets full marks but 有党旗, which loses three points.
  for (const code of ['rules', 'flag', 'oath', 'board', 'computer', 'ledger']) {
    const input = dialog.locator(`[data-test="inspection-score-${code}"] input`)
    await input.fill(code === 'flag' ? '7' : '10')
    await input.blur()
  }
  await waitForText(dialog.locator('[data-test="inspection-total"]'), '合计 57 / 60 分')
  await screenshot(page, 'scoring-inspection-form')
  await dialog.locator('[data-test="inspection-save"]').click()
  await dialog.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="inspection-list"] .el-table__body tr').first(), new RegExp(`${branch}[\\s\\S]*57 / 60`))

  await page.locator('[data-menu="scoring-assessment"]').click()
  await page.waitForURL(/\/party\/scoring\/assessment/)
  const rows = page.locator('[data-test="assessment-list"] .el-table__body tr')
  await rows.first().waitFor()
  await waitForText(rows.first(), /^1\s/)
  await page.locator('[data-test="assessment-live"]').waitFor()
  await page.locator('[data-test="assessment-finalise"]').click()
  const confirm = page.locator('.el-message-box:visible')
  await waitForText(confirm, /不可撤回/)
  await confirm.locator('.el-button--primary').click()
  await page.locator('[data-test="assessment-finalised"]').waitFor()
  await waitForText(page.locator('[data-test="assessment-finalised"]'), /刘晓燕 于 .* 确定/)
  assert.equal(await page.locator('[data-test="assessment-finalise"]').count(), 0, 'a finalised year cannot be finalised again')
  await screenshot(page, 'scoring-assessment')

  await page.locator('[data-menu="commendations"]').click()
  await page.waitForURL(/\/party\/commendations/)
  const list = page.locator('[data-test="commendation-list"] .el-table__body tr')
  await list.first().waitFor()
  const name = (await list.first().locator('td').nth(2).innerText()).trim()
  await list.first().locator('[data-test="commendation-revoke"]').click()
  const box = page.locator('.el-message-box:visible')
  await waitForText(box, /不可恢复/)
  await box.locator('input').fill('发现违纪问题，撤销表彰')
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
  // The active list no longer holds it; the revoked one does, with the reason.
  await pickOption(page, page.locator('[data-test="commendation-filters"] .el-form-item').filter({ hasText: '状态' }).locator('.el-select'), '已撤销')
  await page.locator('[data-test="commendation-filters"] button[type="submit"]').click()
  await waitForText(page.locator('[data-test="commendation-list"]'), new RegExp(`${name}[\\s\\S]*已撤销[\\s\\S]*发现违纪问题，撤销表彰`))
  await screenshot(page, 'scoring-commendations')
  assert.deepEqual(page.errors, [])
})
