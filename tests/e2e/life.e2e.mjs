// Browser test of 组织生活: the branch secretary sees 内科党支部 on the 逾期未开展 list (the demo
// leaves out its 支部党员大会 of the last ended quarter, src/app/demo_life.cpp) and red on the
// tree, records that 支部党员大会 with attendance (one member absent on sick leave, the quorum
// shown), and sees the branch leave the list.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/life.e2e.mjs
//
// Screenshots go to build/e2e/life-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { login, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, pickOption, waitForText } from './lib/element.mjs'

const branch = '内科党支部'
const e2e = useE2E()
// The <input> of an el-input, whether the data-test landed on its wrapper or on the input itself.
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::input').first()

// A day in the last ended calendar quarter (Asia/Shanghai).
function dayInLastQuarter() {
  const now = new Date(Date.now() + 8 * 3600 * 1000)
  const q = Math.floor(now.getUTCMonth() / 3)
  const [y, qq] = q === 0 ? [now.getUTCFullYear() - 1, 3] : [now.getUTCFullYear(), q - 1]
  return `${y}-${String(qq * 3 + 2).padStart(2, '0')}-18`
}

test('secretary records the missing 支部党员大会 and the branch leaves the overdue list', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')

  await page.locator('[data-menu="life-overdue"]').click()
  await page.waitForURL(/\/party\/life\/overdue/)
  const list = page.locator('[data-test="overdue-list"]')
  await waitForText(list.locator('[data-test="overdue-missing"]').first(), /未召开支部党员大会/)
  assert.equal(await list.locator(`.overdue-unit[data-unit-name="${branch}"]`).count(), 1)
  await screenshot(page, 'life-overdue-before')

  await page.locator('[data-menu="org"]').click()
  await page.waitForURL(/\/party\/org/)
  const node = page.locator(`[data-test="org-node"][data-unit-name="${branch}"]`)
  await node.locator('[data-test="org-node-overdue"]').waitFor()
  assert.equal(await node.getAttribute('data-overdue'), '1', 'the branch is red on the tree')

  await page.locator('[data-menu="life"]').click()
  await page.waitForURL(/\/party\/life$/)
  await page.locator('[data-test="meeting-add"]').click()
  const dialog = page.locator('[data-test="meeting-dialog"]')
  await dialog.waitFor()
  await pickOption(page, dialog.locator('[data-test="meeting-unit"]'), branch)
  await pickOption(page, dialog.locator('[data-test="meeting-type"]'), '支部党员大会')
  await fillDate(page, dialog.locator('[data-test="meeting-date"]'), dayInLastQuarter())
  await inputOf(dialog.locator('[data-test="meeting-time"]')).fill('15:00')
  await inputOf(dialog.locator('[data-test="meeting-place"]')).fill('内科示教室')
  await inputOf(dialog.locator('[data-test="meeting-topic"]')).fill('讨论发展对象接收预备党员')
  await inputOf(dialog.locator('[data-test="meeting-presenter"]')).fill('陈建国')
  await inputOf(dialog.locator('[data-test="meeting-recorder"]')).fill('王丽娟')
  await dialog.locator('[data-test="meeting-has-votes"]').click()
  // The should-attend list is the branch's roll on that day; one member was on sick leave.
  const rows = dialog.locator('[data-test="meeting-attendance"] .el-table__body tr')
  await rows.first().waitFor()
  const should = await rows.count()
  assert.ok(should >= 3, `the roll of ${branch} (${should})`)
  await rows.last().locator('.el-switch').click()
  await pickOption(page, rows.last().locator('[data-test^="meeting-reason-"]'), '病假')
  await waitForText(dialog.locator('[data-test="meeting-attendance-summary"]'), `应到 ${should} 人，实到 ${should - 1} 人`)
  await waitForText(dialog.locator('[data-test="meeting-quorum"]'), /超过半数，可以表决/)
  await screenshot(page, 'life-form')
  await dialog.locator('[data-test="meeting-save"]').click()
  await dialog.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="meeting-list"] .el-table__body tr').first(), /讨论发展对象接收预备党员/)

  await page.locator('[data-menu="life-overdue"]').click()
  await page.waitForURL(/\/party\/life\/overdue/)
  await waitForText(page.locator('[data-test="overdue-total"]'), /共 0 个/)
  await waitForText(list.locator('.el-empty__description'), '所有党组织均按期开展了组织生活')
  await screenshot(page, 'life-overdue-after')
  assert.deepEqual(page.errors, [])
})
