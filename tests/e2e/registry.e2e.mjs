// Browser test of the 建档立卡 pages: the household list (健康帮扶 → 建档立卡), a household's
// detail, adding a member — a wrong ID check digit shown at the ID field, then fixed and saved —
// and the new member in the members table (masked) and in the change history.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/registry.e2e.mjs
//
// Screenshots go to build/e2e/registry-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { errorTexts, login, logout, screenshot, useE2E } from './lib/browser.mjs'
import { pickOption, waitForText } from './lib/element.mjs'

const e2e = useE2E()
const demoHouseholds = 91 // src/app/demo_registry.cpp: 91 households in the 12 villages of 中敖镇

function idNumber(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return body17 + '10X98765432'[sum % 11]
}
// Region 500194 is used by no demo record: a child born 2012-09-01, 顺序码 013 (男).
const child = { name: '测试新成员', relation: '子', idNumber: idNumber('50019420120901013') }
const checks = '10X98765432'
const wrongId = child.idNumber.slice(0, 17) + checks[(checks.indexOf(child.idNumber[17]) + 1) % 11]
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::input').first()

test('admin opens 建档立卡, a household, and adds a member after fixing a wrong ID check digit', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await page.locator('[data-menu="registry"]').click()
  await page.waitForURL(/#\/health\/registry/)
  await waitForText(page.locator('[data-test="registry-total"]'), `共 ${demoHouseholds} 户`)
  const rows = page.locator('[data-test="registry-table"] .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  const firstRow = await rows.first().innerText()
  assert.match(firstRow, /\d{3}\*{11}\d{3}[\dX]/, `the head's ID number is masked: ${firstRow}`)
  assert.doesNotMatch(firstRow, /\d{17}[\dX]/, 'no full ID number in the list')
  await screenshot(page, 'registry-list')

  // The filters live in the address: 东林村's nine households.
  await page.goto('/#/health/registry?village=500111103200')
  await waitForText(page.locator('[data-test="registry-total"]'), '共 9 户')

  await page.locator('[data-test="registry-link"]').first().click()
  await page.waitForURL(/#\/health\/registry\/\d+/)
  const members = page.locator('[data-test="person-table"] .el-table__body-wrapper .el-table__row')
  await members.first().waitFor()
  const before = await members.count()

  await page.locator('[data-test="person-add"]').click()
  const dialog = page.locator('.el-dialog[data-test="person-dialog"], [data-test="person-dialog"] .el-dialog').first()
  await dialog.waitFor()
  await inputOf(dialog.locator('[data-test="person-name"]')).fill(child.name)
  await inputOf(dialog.locator('[data-test="person-id-number"]')).fill(wrongId)
  await pickOption(page, dialog.locator('[data-test="person-relation"]'), child.relation)
  const save = async () =>
    (
      await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/registry\/households\/\d+\/persons$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
        dialog.locator('[data-test="person-save"]').click(),
      ])
    )[0]
  const refused = await save()
  assert.equal(refused.status(), 400, `a wrong check digit is refused: ${await refused.text()}`)
  const problem = await refused.json()
  const serverMessage = problem.errors.find((e) => e.field === 'id_number').message
  const idError = dialog.locator('[data-field="id_number"] .el-form-item__error')
  await idError.waitFor()
  assert.equal((await idError.innerText()).trim(), serverMessage, "the ID field shows the server's message")
  assert.equal(await dialog.locator('.el-form-item__error').count(), 1, `only the ID field has an error: ${await errorTexts(page)}`)
  await screenshot(page, 'registry-member-id-error', { fullPage: false })

  await inputOf(dialog.locator('[data-test="person-id-number"]')).fill(child.idNumber)
  const created = await save()
  assert.equal(created.status(), 201, `add member: ${await errorTexts(page)}`)
  await dialog.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="person-table"]'), new RegExp(child.name))
  assert.equal(await members.count(), before + 1)
  const row = members.filter({ hasText: child.name })
  const text = await row.innerText()
  const masked = `${child.idNumber.slice(0, 3)}${'*'.repeat(11)}${child.idNumber.slice(-4)}`
  assert.ok(text.includes(masked), `masked as ${masked}: ${text}`)
  assert.ok(text.includes('2012-09-01'), 'the birth date from the ID number')
  await waitForText(page.locator('[data-test="history"]'), new RegExp(`增加成员：${child.name}`))
  await screenshot(page, 'registry-member-added')
  assert.deepEqual(page.errors, [])
  await logout(page)
})
