// Browser test of 发展党员: the party office opens a demo applicant nobody has talked to in the
// month after the application (src/app/demo_development.cpp: 陈思远, applied about 2 months ago),
// records the talk (step 2) today, is told the rule it breaks and asked for a reason, gives it,
// and sees the violation on the person marked 已说明 with the reason, and in the 违规及说明 list.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/development.e2e.mjs
//
// Screenshots go to build/e2e/development-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, logout, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, waitForText } from './lib/element.mjs'

const e2e = useE2E()
const applicant = '陈思远'
const reason = '申请人在外进修，返院后即安排谈话'

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::*[self::input or self::textarea]').first()

test('admin records a talk out of time: the reason is demanded, given, and the violation shows as explained', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')
  await page.locator('[data-menu="development"]').click()
  await page.waitForURL(/#\/party\/development/)
  await page.locator('[data-test="dev-table"] .el-table__row').first().waitFor()

  await inputOf(page.locator('[data-test="dev-search-q"]')).fill(applicant)
  await page.locator('[data-test="dev-search"]').click()
  await waitForText(page.locator('[data-test="dev-total"]'), '共 1 人')
  const row = page.locator('[data-test="dev-table"] .el-table__body-wrapper .el-table__row').first()
  assert.match(await row.innerText(), /\d{3}\*{11}\d{3}[\dX]/, 'the ID number is masked')
  assert.match(await row.innerText(), /申请人/)
  await screenshot(page, 'development-list')

  await row.locator('[data-test="dev-link"]').click()
  await page.waitForURL(/#\/party\/development\/\d+/)
  await waitForText(page.locator('[data-test="dev-detail-name"]'), new RegExp(applicant))
  // The talk is overdue: shown in red on the page.
  await waitForText(page.locator('[data-test="dev-next-due"]'), /已逾期/)

  await page.locator('[data-test="dev-record-step-2"]').click()
  const dialog = page.locator('.el-dialog[data-test="record-dialog"], [data-test="record-dialog"] .el-dialog').first()
  await dialog.waitFor()
  await fillDate(page, dialog.locator('[data-test="record-date"]'), today)
  const save = async () =>
    (
      await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/development\/candidates\/\d+\/records$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
        dialog.locator('[data-test="record-save"]').click(),
      ])
    )[0]

  const refused = await save()
  assert.equal(refused.status(), 400, 'a talk more than a month after the application needs a reason')
  const problem = await refused.json()
  const asked = problem.errors.find((e) => e.field === 'reason')
  assert.ok(asked, `the server asks for a reason: ${JSON.stringify(problem.errors)}`)
  const alert = dialog.locator('[data-test="record-reason-asked"]')
  await alert.waitFor()
  assert.ok((await alert.innerText()).includes(asked.message), 'the dialog shows the rule the server named')
  await screenshot(page, 'development-reason-asked', { fullPage: false })

  await inputOf(dialog.locator('[data-test="record-reason"]')).fill(reason)
  const created = await save()
  assert.equal(created.status(), 201, `recorded with the reason: ${await created.text()}`)
  await dialog.waitFor({ state: 'hidden' })

  const step2 = page.locator('[data-test="dev-step-2"]')
  await waitForText(step2.locator('[data-test="dev-violation-explained"]').first(), '已说明')
  assert.match(await step2.locator('[data-test="dev-record-reason"]').first().innerText(), new RegExp(reason))
  assert.match(await step2.locator('[data-test="dev-violation"]').first().innerText(), /一个月|谈话/)
  await screenshot(page, 'development-explained')

  // The party office's list holds it, explained, with the reason.
  await page.goto('/#/party/development?view=violations')
  const table = page.locator('[data-test="dev-violations-table"]')
  await table.locator('.el-table__row').first().waitFor()
  const rowOf = table.locator('.el-table__row').filter({ hasText: applicant })
  await rowOf.first().waitFor()
  assert.match(await rowOf.first().innerText(), new RegExp(reason))
  await screenshot(page, 'development-violations')

  const id = Number(new URL(created.url()).pathname.split('/')[5])
  const detail = await apiGet(page, `/api/v1/development/candidates/${id}`)
  const v = detail.violations.find((x) => x.code === 'talk_late')
  assert.ok(v && v.explained && v.reason === reason, JSON.stringify(detail.violations))
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('secretary: the list filtered in the address shows the branch’s 2 发展对象 (seed 002); a 预备党员’s path', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')
  await page.goto(`/#/party/development?role=${encodeURIComponent('发展对象')}`)
  await waitForText(page.locator('[data-test="dev-total"]'), '共 2 人')
  const rows = page.locator('[data-test="dev-table"] .el-table__body-wrapper .el-table__row')
  assert.equal(await rows.count(), 2)
  for (const text of await rows.allInnerTexts()) assert.match(text, /内科党支部/)

  await page.goto(`/#/party/development?role=${encodeURIComponent('预备党员')}`)
  await page.locator('[data-test="dev-table"] .el-table__body-wrapper .el-table__row').first().waitFor()
  await page.locator('[data-test="dev-link"]').first().click()
  await page.waitForURL(/#\/party\/development\/\d+/)
  await waitForText(page.locator('[data-test="dev-probation"]'), /预备期：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/)
  await page.locator('[data-test="dev-step-15"] [data-test^="dev-record-"]').first().waitFor()
  assert.match(await page.locator('[data-test="dev-step-15"]').innerText(), /表决：有表决权 \d+ 人，到会 \d+ 人，赞成 \d+ 人/)
  assert.match(await page.locator('[data-test="dev-step-9"]').innerText(), /入党介绍人：/)
  await screenshot(page, 'development-probationer')
  assert.deepEqual(page.errors, [])
  await logout(page)
})
