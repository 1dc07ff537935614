// Browser test of 离线走访 (issue 7, "in the village"): the outreach team member downloads her
// team's households, the network goes away (Chromium's offline emulation), the page is reloaded
// from the service worker's cache and the device's IndexedDB, a visit is recorded and queued;
// the network comes back and the visit is sent — stored once on the server under the client id
// the phone made.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/field.e2e.mjs
//
// Screenshots go to build/e2e/field-*.png.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, screenshot, useE2E } from './lib/browser.mjs'

const e2e = useE2E()

test('offline: download, lose the network, record a visit, sync it once when back online', { timeout: 240_000 }, async () => {
  const page = await e2e.newPage()
  await login(page, 'outreach')
  await page.setViewportSize({ width: 375, height: 812 })
  await page.goto('/#/field')
  await page.locator('[data-test="download"]').click()
  await page.locator('[data-test="bundle-info"]').waitFor()
  const bundle = await apiGet(page, '/api/v1/visits/offline-bundle')
  assert.ok(bundle.household_count > 0)
  assert.deepEqual(bundle.villages.map((v) => v.name).sort(), ['东林村', '明月村', '麻杨村'].sort(), 'her team\'s villages only')
  const first = page.locator('[data-household]').first()
  await first.waitFor()
  const householdId = Number(await first.getAttribute('data-household'))
  const before = (await apiGet(page, `/api/v1/visits?household=${householdId}&size=1`)).total
  // The service worker controls the page once the download is done (it claims open pages).
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20_000 })
  await screenshot(page, 'field-downloaded')

  await page.context().setOffline(true)
  await page.reload()
  await page.locator('[data-test="net"]').filter({ hasText: '离线' }).waitFor()
  await page.locator('[data-test="bundle-info"]').waitFor()
  await page.locator(`[data-household="${householdId}"]`).click()
  const persons = page.locator('[data-person]')
  await persons.first().waitFor()
  const n = await persons.count()
  for (let i = 0; i < n; i++) await persons.nth(i).getByText('见到本人', { exact: true }).click()
  await page.locator('[data-test="save-visit"]').click()
  const entry = page.locator('[data-entry]').first()
  await entry.waitFor()
  assert.equal(await entry.getAttribute('data-state'), 'pending', 'queued on the device while offline')
  assert.equal(await page.locator('[data-test="pending"]').innerText(), '1')
  const clientId = await entry.getAttribute('data-entry')
  await screenshot(page, 'field-offline-queued')

  await page.context().setOffline(false)
  await page.locator(`[data-entry="${clientId}"][data-state="synced"]`).waitFor({ timeout: 30_000 })
  assert.equal(await page.locator('[data-test="pending"]').innerText(), '0')
  await screenshot(page, 'field-synced')

  const after = await apiGet(page, `/api/v1/visits?household=${householdId}&size=50`)
  assert.equal(after.total, before + 1, 'exactly one visit more for the household')
  const stored = after.items.filter((v) => v.client_id === clientId)
  assert.equal(stored.length, 1, 'the visit is stored once, under the client id the phone made')
  assert.deepEqual(page.errors, [])
})
