// Browser helpers shared by the *.e2e.mjs tests: Debian's /usr/bin/chromium driven by
// playwright-core (from web/node_modules), pages that record their errors, signing in and out
// through the login page (TOTP enrolment and codes included), screenshots to build/e2e/.
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer } from './server.mjs'
import { freshCode, knowsSecret, rememberSecret } from './totp.mjs'

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const shots = join(repo, 'build', 'e2e')
export const password = process.env.QIZHI_DEMO_PASSWORD || 'Qizhi@2026'

const { chromium } = createRequire(join(repo, 'web', 'package.json'))('playwright-core')

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * Starts a server on a fresh demo database and a browser before the file's tests, and ends both
 * after them. Returns `{baseUrl, browser, server, newPage()}`, filled in by the `before` hook.
 */
export function useE2E() {
  const env = {
    baseUrl: undefined,
    browser: undefined,
    server: undefined,
    newPage: () => newPage(env.browser, env.baseUrl),
  }
  before(async () => {
    env.server = await startServer()
    env.baseUrl = env.server.baseUrl
    env.browser = await launchBrowser()
  })
  after(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}

/**
 * A page in a context of its own (own cookies), zh-CN, 1366×800, with `baseUrl` as the base
 * of relative addresses (page.goto, page.request). `page.errors` collects uncaught page errors.
 */
export async function newPage(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', baseURL: baseUrl })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.errors = []
  page.on('pageerror', (e) => page.errors.push(e.message))
  return page
}

/** The texts of the form-field errors and error alerts on the page, joined. */
export async function errorTexts(page) {
  return (await page.locator('.el-form-item__error, .el-alert--error').allInnerTexts()).join(' | ')
}

async function submitLogin(page) {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '登 录' }).click(),
  ])
  if (answer.status() !== 200) await page.locator('.el-form-item__error, .el-alert--error').first().waitFor()
  return answer.status()
}

/** Signs in through the login page and waits until the app settles on its first page. */
export async function login(page, username, { password: secret = password } = {}) {
  await page.goto('/')
  await page.waitForURL(/#\/login/)
  await page.getByPlaceholder('用户名', { exact: true }).fill(username)
  await page.getByPlaceholder('密码', { exact: true }).fill(secret)
  let status = await submitLogin(page)
  const totpField = page.getByPlaceholder('动态口令（6 位数字）')
  if (status === 401 && (await totpField.isVisible())) {
    assert.ok(knowsSecret(username), `${username} asks for a TOTP code the test does not know the secret of`)
    await totpField.fill(await freshCode(username))
    status = await submitLogin(page)
  }
  assert.equal(status, 200, `${username} could not log in: ${await errorTexts(page)}`)

  await page.waitForFunction(
    () => document.querySelector('[data-menu]') || /^#\/(password|totp-enrol)/.test(location.hash),
  )
  const hash = new URL(page.url()).hash
  assert.ok(!hash.startsWith('#/password'), `${username}: the demo password is expired (sent to 修改密码)`)
  if (hash.startsWith('#/totp-enrol')) await enrolTotp(page, username)
  await page.locator('[data-menu]').first().waitFor()
}

/** The role requires TOTP: read the secret from the enrol page and confirm a code. */
async function enrolTotp(page, username) {
  const secret = await page.locator('[data-test="totp-secret"]').inputValue()
  assert.match(secret, /^[A-Z2-7]+=*$/, `${username}: TOTP secret is not base32`)
  rememberSecret(username, secret)
  await page.getByPlaceholder('动态口令', { exact: true }).fill(await freshCode(username))
  await page.getByRole('button', { name: '确认绑定' }).click()
  await page.waitForURL((u) => !u.hash.startsWith('#/totp-enrol'))
}

/** Signs out through the navbar and closes the page's context. */
export async function logout(page) {
  await page.locator('[data-test="logout"]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await page.waitForURL(/#\/login/)
  await page.context().close()
}

/**
 * A screenshot to build/e2e/<name>.png once no loading mask is showing: the full page, or with
 * `{fullPage: false}` the viewport (for a dialog, whose overlay covers only the viewport).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-loading-mask')].every((m) => !m.offsetParent))
  mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage })
}

/** GET an API path with the page's session cookie; asserts 200 and returns the JSON. */
export async function apiGet(page, path) {
  const r = await page.request.get(path)
  assert.equal(r.status(), 200, `GET ${path}: ${r.status()} ${await r.text()}`)
  return r.json()
}
