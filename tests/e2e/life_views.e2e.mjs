// Browser test of the 组织生活 views built on the meeting records: the secretary opens the
// 三会一课台账 of the branch (rows, the cadence tab, the .xlsx download), the 组织生活日历 (this
// month's meetings and what is still owed), a member's 组织生活 tab (attendance and rate), a
// meeting's files (a bad one refused with its reason, a PDF kept), and the read-only 频次规则; the admin changes a rule, saves, and restores the defaults.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/life_views.e2e.mjs
//
// Screenshots go to build/e2e/life-views-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, logout, screenshot, useE2E } from './lib/browser.mjs'
import { waitForText } from './lib/element.mjs'

const e2e = useE2E()
const year = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4)

test('secretary: ledger, calendar, a member\'s attendance, the rules read-only', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')

  await page.locator('[data-menu="life-ledger"]').click()
  await page.waitForURL(/\/party\/life\/ledger/)
  await waitForText(page.locator('[data-test="ledger-title"]'), `内科党支部三会一课台账（${year}年）`)
  const rows = page.locator('[data-test="ledger-list"] .el-table__body tr')
  await rows.first().waitFor()
  assert.ok((await rows.count()) > 0)
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="ledger-export"]').click()])
  assert.equal(download.suggestedFilename(), `内科党支部三会一课台账-${year}.xlsx`)
  await page.getByRole('tab', { name: '开展情况' }).click()
  await waitForText(page.locator('[data-test="ledger-cadence"]'), /支部党员大会 每季度不少于1次/)
  await screenshot(page, 'life-views-ledger')

  await page.locator('[data-menu="life-calendar"]').click()
  await page.waitForURL(/\/party\/life\/calendar/)
  await page.locator('[data-test="calendar-meeting"]').first().waitFor()
  await screenshot(page, 'life-views-calendar')

  const me = (await apiGet(page, '/api/v1/members?q=%E7%8E%8B%E4%B8%BD%E5%A8%9F&size=1')).items[0]
  await page.goto(`${new URL(page.url()).origin}/#/party/members/${me.id}`)
  await page.getByRole('tab', { name: '组织生活' }).click()
  await waitForText(page.locator('[data-test="member-attendance-rate"]'), /应参加 \d+ 次，出席 \d+ 次，缺席 \d+ 次，出席率 [\d.]+%/)
  await screenshot(page, 'life-views-member')

  // A file kept with the newest meeting: a renamed file is refused with its reason, a PDF is listed.
  await page.locator('[data-menu="life"]').click()
  await page.waitForURL(/\/party\/life$/)
  await page.locator('[data-test="meeting-list"] [data-test="meeting-attachments"]').first().click()
  const dialog = page.locator('[data-test="attachments-dialog"]')
  await dialog.locator('[data-test="attachment-upload"]').waitFor()
  const file = dialog.locator('[data-test="attachment-file"]')
  await file.setInputFiles({ name: '签到.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a not a pdf') })
  await waitForText(page.locator('.el-message--error').last(), '文件内容不是可接受的格式，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件')
  await file.setInputFiles({ name: '支部党员大会记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await waitForText(dialog.locator('[data-test="attachment-list"]'), /支部党员大会记录\.pdf/)
  await screenshot(page, 'life-views-attachments')
  await page.keyboard.press('Escape')

  await page.locator('[data-menu="life-rules"]').click()
  await page.waitForURL(/\/party\/life\/rules/)
  await waitForText(page.locator('[data-test="rules-stored"]'), '默认规则')
  assert.equal(await page.locator('[data-test="rules-save"]').count(), 0, 'only the admin edits the rules')
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('admin: changes a rule, saves, restores the defaults', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await page.locator('[data-menu="life-rules"]').click()
  await page.waitForURL(/\/party\/life\/rules/)
  const rows = page.locator('[data-test="rules-list"] .el-table__body tr')
  await rows.first().waitFor()
  const before = await rows.count()
  await rows.last().getByRole('button', { name: '移除' }).click()
  await rows.nth(before - 1).waitFor({ state: 'detached' })
  assert.equal(await rows.count(), before - 1)
  await page.locator('[data-test="rules-save"]').click()
  await waitForText(page.locator('[data-test="rules-stored"]'), '本院规则')
  assert.equal((await apiGet(page, '/api/v1/life/cadence-rules')).items.length, before - 1)
  await page.locator('[data-test="rules-defaults"]').click()
  await page.locator('[data-test="rules-save"]').click()
  // The first save's message may still be showing: wait for the server to hold the full set.
  const deadline = Date.now() + 15_000
  let stored = (await apiGet(page, '/api/v1/life/cadence-rules')).items.length
  while (stored !== before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
    stored = (await apiGet(page, '/api/v1/life/cadence-rules')).items.length
  }
  assert.equal(stored, before, 'the defaults are saved again')
  await waitForText(page.locator('.el-message--success').last(), '频次规则已保存')
  await screenshot(page, 'life-views-rules')
  assert.deepEqual(page.errors, [])
})
