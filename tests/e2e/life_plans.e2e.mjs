// Browser test of meeting plans (会议计划) on the 组织生活日历: the branch secretary puts a
// 支部党员大会 on the calendar for a day of this month, sees it there as a plan, opens it and
// records the meeting from it (登记召开, attendance from the branch's roll), and sees the plan
// become a held meeting on the same calendar.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/life_plans.e2e.mjs
//
// Screenshots go to build/e2e/life-plans-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'
import { fillDate, pickOption, waitForText } from './lib/element.mjs'

const e2e = useE2E()
const inputOf = (locator) => locator.locator('xpath=descendant-or-self::input').first()
const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const topic = '浏览器测试：计划召开支部党员大会'

// A day from today to the month's end whose calendar cell shows everything it holds (a cell
// shows two items; due items and plans come first), so the new plan is visible, not "另 N 项".
async function freeDay(page) {
  const [y, m] = today.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
  const cal = await apiGet(page, `/api/v1/life/calendar?from=${today}&to=${last}`)
  for (let d = today; d <= last; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)) {
    const busy = cal.due.filter((x) => x.date === d).length + cal.plans.filter((x) => x.date === d).length
    if (busy < 2) return d
  }
  throw new Error(`no free day in ${today}..${last}`)
}

test('secretary plans a 支部党员大会, then records it from the plan', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'secretary')
  await page.locator('[data-menu="life-calendar"]').click()
  await page.waitForURL(/\/party\/life\/calendar/)
  const day = await freeDay(page)

  await page.locator('[data-test="plan-add"]').click()
  const dialog = page.locator('[data-test="plan-dialog"]')
  await dialog.waitFor()
  // Saving an empty form names its fields.
  await dialog.locator('[data-test="plan-save"]').click()
  await waitForText(dialog.locator('.el-form-item__error').first(), /请/)
  await pickOption(page, dialog.locator('[data-test="plan-unit"]'), '内科党支部')
  await pickOption(page, dialog.locator('[data-test="plan-type"]'), '支部党员大会')
  await fillDate(page, dialog.locator('[data-test="plan-date"]'), day)
  await inputOf(dialog.locator('[data-test="plan-time"]')).fill('14:30')
  await inputOf(dialog.locator('[data-test="plan-place"]')).fill('内科示教室')
  await inputOf(dialog.locator('[data-test="plan-topic"]')).fill(topic)
  await dialog.locator('[data-test="plan-save"]').click()
  await dialog.waitFor({ state: 'hidden' })

  const plans = await apiGet(page, `/api/v1/life/plans?state=planned&q=${encodeURIComponent(topic)}`)
  assert.equal(plans.total, 1, 'the plan was saved once')
  const plan = plans.items[0]
  assert.equal(plan.date, day)
  const tag = page.locator(`[data-test="calendar-plan"][data-id="${plan.id}"]`)
  await waitForText(tag, '计划·支部党员大会')
  await screenshot(page, 'life-plans-calendar')

  await tag.click()
  await dialog.waitFor()
  await dialog.locator('[data-test="plan-hold"]').click()
  const meeting = page.locator('[data-test="meeting-dialog"]')
  await meeting.waitFor()
  await waitForText(meeting.locator('[data-test="meeting-plan"]'), new RegExp(`按计划登记召开：${day}`))
  assert.equal(await inputOf(meeting.locator('[data-test="meeting-topic"]')).inputValue(), topic)
  await inputOf(meeting.locator('[data-test="meeting-presenter"]')).fill('陈建国')
  await inputOf(meeting.locator('[data-test="meeting-recorder"]')).fill('王丽娟')
  const rows = meeting.locator('[data-test="meeting-attendance"] .el-table__body tr')
  await rows.first().waitFor()
  assert.ok((await rows.count()) >= 3, 'the roll of 内科党支部')
  await screenshot(page, 'life-plans-hold')
  await meeting.locator('[data-test="meeting-save"]').click()
  await meeting.waitFor({ state: 'hidden' })

  const held = await apiGet(page, `/api/v1/life/plans/${plan.id}`)
  assert.equal(held.state, 'held')
  assert.ok(held.meeting_id > 0)
  // The calendar reloads: the plan is gone from it (it shows as its meeting, held today or on
  // the planned day), and the meeting is on the record list.
  await page.locator(`[data-test="calendar-plan"][data-id="${plan.id}"]`).waitFor({ state: 'detached' })
  const cal = await apiGet(page, `/api/v1/life/calendar?from=${today}&to=${today}`)
  assert.ok(cal.meetings.some((m) => m.id === held.meeting_id), 'the meeting is on the calendar today')
  await screenshot(page, 'life-plans-held')
  await page.locator('[data-menu="life"]').click()
  await page.waitForURL(/\/party\/life$/)
  await waitForText(page.locator('[data-test="meeting-list"] .el-table__body tr').first(), new RegExp(topic))
  assert.deepEqual(page.errors, [])
})
