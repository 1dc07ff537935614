// Browser test of 学习强国统计: the demo's latest month per branch with the weighted totals, then
// importing an exported file for an earlier month — a file with an error is shown row by row and
// cannot be imported; the corrected file is previewed, imported and shown.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/study.e2e.mjs
//
// Screenshots go to build/e2e/study-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, waitForText } from './lib/element.mjs'

const e2e = useE2E()

/** A month no demo import uses: eight months back, YYYY-MM. */
function monthBack(n) {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  d.setUTCDate(15)
  d.setUTCMonth(d.getUTCMonth() - n)
  return d.toISOString().slice(0, 7)
}

test('admin sees the latest month, then imports an earlier one after fixing the file', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  const month = await apiGet(page, '/api/v1/study/xuexi')
  assert.ok(month.items.length > 0, 'the demo holds a month')

  await page.locator('[data-menu="xuexi"]').click()
  await page.waitForURL(/#\/party\/study\/xuexi/)
  const table = page.locator('[data-test="study-page"] [data-test="xuexi-table"]')
  await table.locator('.el-table__body tr').first().waitFor()
  assert.equal(await table.locator('.el-table__body tr:visible').count(), month.items.length, 'one row per branch')
  await waitForText(table.locator('.el-table__footer'), new RegExp(month.total.registration_rate_text.replace('.', '\\.')))
  await screenshot(page, 'study-xuexi-month')

  const branch = month.items[0].unit_name
  const period = monthBack(8)
  const dialog = page.locator('[data-test="xuexi-import-dialog"]')
  await page.locator('[data-test="xuexi-import"]').click()
  await dialog.waitFor()
  await fillDate(page, dialog.locator('[data-test="xuexi-period"]'), period)

  const file = (registered) => ({
    name: `学习强国-${period}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`组织名称,成员数,注册人数,注册率,活跃度,人均积分\r\n${branch},10,${registered},,85%,1200.5\r\n`, 'utf8'),
  })
  await dialog.locator('[data-test="xuexi-file"] input[type=file]').setInputFiles(file(11))
  await dialog.locator('[data-test="xuexi-preview-run"]').click()
  await waitForText(dialog.locator('[data-test="xuexi-error-count"]'), '1')
  await waitForText(dialog.locator('[data-test="import-errors"]'), /注册人数（11）不能多于成员数（10）/)
  assert.ok(await dialog.locator('[data-test="xuexi-import-run"]').isDisabled(), 'a file with errors cannot be imported')
  await screenshot(page, 'study-xuexi-error', { fullPage: false })

  await dialog.locator('.el-upload-list__item').hover()
  await dialog.locator('.el-upload-list__item .el-icon--close').click()
  await dialog.locator('[data-test="xuexi-file"] input[type=file]').setInputFiles(file(9))
  await dialog.locator('[data-test="xuexi-preview-run"]').click()
  await waitForText(dialog.locator('[data-test="xuexi-error-count"]'), '0')
  await dialog.locator('[data-test="xuexi-import-run"]').click()
  await dialog.waitFor({ state: 'hidden' })

  await page.waitForURL(new RegExp(`period=${period}`))
  await waitForText(table.locator('.el-table__body tr').first(), new RegExp(`${branch}[\\s\\S]*90\\.0%[\\s\\S]*85\\.0%[\\s\\S]*1200\\.5`))
  assert.equal(await table.locator('.el-table__body tr:visible').count(), 1, 'only the imported branch this month')
  const saved = await apiGet(page, `/api/v1/study/xuexi?period=${period}`)
  assert.deepEqual(saved.items.map((i) => [i.unit_name, i.registered, i.active_rate]), [[branch, 9, 850]])
  await screenshot(page, 'study-xuexi-imported')
})
