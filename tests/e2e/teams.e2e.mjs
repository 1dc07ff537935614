// Browser test of 帮扶队 and 分片负责: the admin opens 帮扶队, opens 第一帮扶队, adds 永和村 (held by
// 第二帮扶队) with the VillagePicker, confirms the reassignment, and sees the village under 李明华
// in 分片负责; the outreach login sees only its own team and no edit buttons; 一对一结对 lists the
// demo pairings and pairs a household found by name with a member.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/teams.e2e.mjs
//
// Screenshots go to build/e2e/teams-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, logout, screenshot, useE2E } from './lib/browser.mjs'
import { waitForText, waitStill } from './lib/element.mjs'

const e2e = useE2E()

// A remote-search el-select: one input event with the whole text, the option with `optionText`
// clicked, and the dropdown gone before the next field (a late answer can leave it open).
async function pickRemote(page, select, text, optionText) {
  await select.click()
  await select.locator('input').fill(text)
  await page.locator('.el-select__popper:visible .el-select-dropdown__item').filter({ hasText: optionText }).first().click()
  const open = page.locator('.el-select__popper:visible')
  await open.first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => page.keyboard.press('Escape'))
  await open.first().waitFor({ state: 'hidden' })
}

test('admin: adds a village to a team (reassigned from another), sees it in 分片负责', { timeout: 180_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'admin')

  await page.locator('[data-menu="outreach-teams"]').click()
  await page.waitForURL(/\/health\/outreach\/teams$/)
  const rows = page.locator('[data-test="teams-list"] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 4)
  await screenshot(page, 'teams-list')

  await rows.filter({ hasText: '第一帮扶队' }).locator('[data-test="team-open"]').click()
  await page.waitForURL(/\/health\/outreach\/teams\/\d+$/)
  await waitForText(page.locator('[data-test="team-title"]'), '第一帮扶队')
  const villages = page.locator('[data-test="team-villages"] .el-table__body tr')
  await villages.first().waitFor()
  assert.equal(await villages.count(), 3)

  // Pick 永和村 from the divisions, never typed in full.
  const picker = page.locator('[data-test="village-add-form"] .el-select').first()
  await picker.click()
  await picker.locator('input').fill('永和')
  const option = page.locator('.el-select__popper:visible .el-select-dropdown__item').filter({ hasText: '永和村' })
  await option.first().waitFor()
  await waitStill(option.first())
  await option.first().click()
  await page.keyboard.press('Escape')
  await page.locator('[data-test="village-add"]').click()
  // Held by 第二帮扶队: the page asks before reassigning.
  const box = page.locator('.el-message-box')
  await waitForText(box, /该村已由第二帮扶队负责/)
  await box.getByRole('button', { name: '确认改派' }).click()
  await waitForText(page.locator('[data-test="team-villages"]'), /永和村/)
  assert.equal(await villages.count(), 4)
  await screenshot(page, 'teams-detail')

  await page.locator('[data-menu="outreach-areas"]').click()
  await page.waitForURL(/\/health\/outreach\/areas$/)
  const li = page.locator('[data-test="area-leader"]').filter({ hasText: '李明华' })
  await waitForText(li, /永和村/)
  await waitForText(li.locator('.leader-head'), /1 支队，4 个村，32 户/)
  const second = await apiGet(page, '/api/v1/outreach/teams?q=%E7%AC%AC%E4%BA%8C')
  assert.ok(!second.items[0].villages.some((v) => v.village_name === '永和村'), '第二帮扶队 no longer answers for 永和村')
  await screenshot(page, 'teams-areas')

  await page.locator('[data-menu="outreach-pairings"]').click()
  await page.waitForURL(/\/health\/outreach\/pairings$/)
  await page.locator('[data-test="pairings-list"] .el-table__body tr').first().waitFor()
  await screenshot(page, 'teams-pairings')

  // A new pairing: the household found by its 户主's name, the member by name, none typed as an ID.
  const paired = new Set((await apiGet(page, '/api/v1/outreach/pairings?state=current&size=200')).items.map((p) => p.household_id))
  const free = (await apiGet(page, '/api/v1/registry/households?size=200')).items.find((h) => !paired.has(h.id) && h.head_name)
  assert.ok(free, 'a registered household without a pairing')
  const member = (await apiGet(page, '/api/v1/members?size=1')).items[0]
  await page.locator('[data-test="pairing-add"]').click()
  const form = page.locator('[data-test="pairing-form"]')
  await form.waitFor()
  await pickRemote(page, form.locator('[data-test="pairing-household"]'), free.head_name, free.number)
  await pickRemote(page, form.locator('[data-test="pairing-member"]'), member.name, member.name)
  await waitForText(form.locator('[data-test="pairing-household"]'), new RegExp(free.number))
  await screenshot(page, 'teams-pairing-form', { fullPage: false })
  await form.locator('[data-test="pairing-save"]').click()
  await waitForText(page.locator('.el-message').last(), /已结对/)
  const now = await apiGet(page, '/api/v1/outreach/pairings?state=current&size=200')
  assert.ok(now.items.some((p) => p.household_id === free.id && p.member_id === member.id), 'the pairing is stored')
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('outreach: sees its own team only, without edit buttons', { timeout: 120_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'outreach')
  await page.locator('[data-menu="outreach-teams"]').click()
  const rows = page.locator('[data-test="teams-list"] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 1)
  await waitForText(rows.first(), /第一帮扶队/)
  assert.equal(await page.locator('[data-test="team-add"]').count(), 0)
  await rows.first().locator('[data-test="team-open"]').click()
  await waitForText(page.locator('[data-test="team-title"]'), '第一帮扶队')
  assert.equal(await page.locator('[data-test="village-add"]').count(), 0)
  assert.equal(await page.locator('[data-test="team-edit"]').count(), 0)
  assert.deepEqual(page.errors, [])
  await logout(page)
})
