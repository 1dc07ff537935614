// Browser test: every demo role signs in through the login page and sees exactly its menus;
// the system administrator adds a user (a bad phone first, shown at the phone field) and the
// audit administrator finds the `create` row for that user.
//
//   QIZHI_BIN=build/debug/qizhi QIZHI_WEB_ROOT=web/dist node --test tests/e2e/roles.e2e.mjs
//
// Starts its own server on a free port with a fresh demo database in a temp dir, drives
// Debian's /usr/bin/chromium with playwright-core, and writes screenshots to build/e2e/.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { chromium } = createRequire(join(repo, 'web', 'package.json'))('playwright-core')

const bin = process.env.QIZHI_BIN
const webRoot = process.env.QIZHI_WEB_ROOT
const password = process.env.QIZHI_DEMO_PASSWORD || 'Qizhi@2026'
const shots = join(repo, 'build', 'e2e')

// Menu items (route names) beyond 首页 and 个人中心, per docs/platform-api.md's demo roles.
const extraMenus = {
  admin: [],
  secretary: [],
  member: [],
  outreach: [],
  leader: [],
  auditor: [],
  sysadmin: ['user'],
  secadmin: ['role', 'policy'],
  audadmin: ['audit-log'],
}

const newUser = { username: 'e2e_nurse', name: '测试护士', password: 'Ward#Seven2026', phone: '13800138000' }

let tmp
let server
let serverLog
let browser
let baseUrl
let createdUserId

// ---- server -------------------------------------------------------------------------------

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

function serverLogTail() {
  try {
    return readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n')
  } catch {
    return '(no server log)'
  }
}

async function waitReady(url, exited) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`qizhi serve exited early:\n${serverLogTail()}`)
    try {
      const r = await fetch(`${url}/readyz`)
      if (r.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`qizhi serve not ready within 30 s:\n${serverLogTail()}`)
}

async function startServer() {
  assert.ok(bin, 'set QIZHI_BIN to the qizhi server binary')
  assert.ok(webRoot, 'set QIZHI_WEB_ROOT to the built web app (web/dist)')
  tmp = mkdtempSync(join(tmpdir(), 'qizhi-e2e-'))
  const db = `sqlite:${join(tmp, 'e2e.db')}`
  const key = join(tmp, 'key')

  const demo = spawnSync(bin, ['demo', '--db', db, '--key-file', key], { encoding: 'utf8', timeout: 60_000 })
  assert.equal(demo.status, 0, `qizhi demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`)

  const port = await freePort()
  baseUrl = `http://127.0.0.1:${port}`
  serverLog = join(tmp, 'server.log')
  const log = openSync(serverLog, 'a')
  server = spawn(
    bin,
    ['serve', '--db', db, '--key-file', key, '--listen', '127.0.0.1', '--port', String(port), '--web-root', webRoot],
    { stdio: ['ignore', log, log] },
  )
  closeSync(log)
  let exited = false
  server.once('exit', () => (exited = true))
  process.once('exit', () => server?.kill('SIGKILL'))
  await waitReady(baseUrl, () => exited)
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return
  const gone = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000)
  await gone
  clearTimeout(timer)
}

// ---- TOTP (RFC 6238), for demo roles that must enrol a second factor -------------------------

const totpSecrets = new Map()
const lastStep = new Map()

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

function totpAt(secret, step) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/** A code not used before for this user (the server refuses a replayed one). */
async function freshCode(username) {
  let step = Math.floor(Date.now() / 30_000)
  if (lastStep.get(username) === step) {
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200))
    step = Math.floor(Date.now() / 30_000)
  }
  lastStep.set(username, step)
  return totpAt(totpSecrets.get(username), step)
}

// ---- browser helpers --------------------------------------------------------------------------

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.errors = []
  page.on('pageerror', (e) => page.errors.push(e.message))
  return page
}

const onLogin = (page) => new URL(page.url()).hash.startsWith('#/login')

async function errorTexts(page) {
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
async function login(page, username) {
  await page.goto(`${baseUrl}/`)
  await page.waitForURL(/#\/login/)
  await page.getByPlaceholder('用户名', { exact: true }).fill(username)
  await page.getByPlaceholder('密码', { exact: true }).fill(password)
  let status = await submitLogin(page)
  const totpField = page.getByPlaceholder('动态口令（6 位数字）')
  if (status === 401 && (await totpField.isVisible())) {
    assert.ok(totpSecrets.has(username), `${username} asks for a TOTP code the test does not know the secret of`)
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
  totpSecrets.set(username, secret)
  await page.getByPlaceholder('动态口令', { exact: true }).fill(await freshCode(username))
  await page.getByRole('button', { name: '确认绑定' }).click()
  await page.waitForURL((u) => !u.hash.startsWith('#/totp-enrol'))
}

async function logout(page) {
  await page.locator('[data-test="logout"]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await page.waitForURL(/#\/login/)
  await page.context().close()
}

async function menuItems(page) {
  return page.locator('[data-menu]').evaluateAll((els) => els.map((e) => e.dataset.menu).sort())
}

async function screenshot(page, name) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-loading-mask')].every((m) => !m.offsetParent))
  mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

// ---- tests ------------------------------------------------------------------------------------

before(async () => {
  await startServer()
  browser = await chromium.launch({
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
})

after(async () => {
  await browser?.close()
  await stopServer()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

for (const [username, extra] of Object.entries(extraMenus)) {
  test(`${username} sees exactly its menus`, { timeout: 90_000 }, async () => {
    const page = await newPage()
    await login(page, username)
    assert.deepEqual(await menuItems(page), ['dashboard', 'profile', ...extra].sort())
    await page.locator('[data-test="welcome"] .el-tag').first().waitFor()
    await screenshot(page, username)
    assert.deepEqual(page.errors, [])
    await logout(page)
  })
}

test('sysadmin adds a user: a bad phone is shown at the phone field, then the user is listed', { timeout: 120_000 }, async () => {
  const page = await newPage()
  await login(page, 'sysadmin')
  await page.locator('[data-menu="user"]').click()
  await page.waitForURL(/#\/system\/user/)
  await page.locator('[data-test="user-add"]').click()
  const dialog = page.getByRole('dialog', { name: '新增用户' })
  await dialog.waitFor()
  const field = (name) => dialog.locator(`[data-field="${name}"]`)
  await field('username').locator('input').fill(newUser.username)
  await field('name').locator('input').fill(newUser.name)
  await field('password').locator('input').fill(newUser.password)
  await field('phone').locator('input').fill('12345')

  const save = async () =>
    (
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
        dialog.locator('[data-test="user-save"]').click(),
      ])
    )[0]

  const refused = await save()
  assert.equal(refused.status(), 400)
  const phoneError = field('phone').locator('.el-form-item__error')
  await phoneError.waitFor()
  assert.ok((await phoneError.innerText()).trim().length > 0, 'the phone field shows a message')
  for (const other of ['username', 'name', 'password']) {
    assert.equal(await field(other).locator('.el-form-item__error').count(), 0, `no error at ${other}`)
  }
  await screenshot(page, 'sysadmin-phone-error')

  await field('phone').locator('input').fill(newUser.phone)
  const created = await save()
  assert.equal(created.status(), 201, `add user: ${await errorTexts(page)}`)
  createdUserId = (await created.json()).id
  assert.ok(createdUserId !== undefined, 'the created user has an id')
  await dialog.waitFor({ state: 'hidden' })

  await page.locator('[data-test="user-search"]').fill(newUser.username)
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes(`q=${newUser.username}`)),
    page.getByRole('button', { name: '搜索' }).click(),
  ])
  const row = page.locator('[data-test="user-table"] .el-table__row', { hasText: newUser.username })
  await row.first().waitFor()
  assert.match(await row.first().innerText(), new RegExp(newUser.name))
  assert.match(await row.first().innerText(), /138\*{4}8000/, 'the phone is masked in the list')
  await screenshot(page, 'sysadmin-user-added')
  assert.deepEqual(page.errors, [])
  await logout(page)
})

test('audadmin finds the create row of the new user and the chain verifies', { timeout: 90_000 }, async () => {
  assert.ok(createdUserId !== undefined, 'needs the user added by the sysadmin test')
  const page = await newPage()
  await login(page, 'audadmin')
  await page.locator('[data-menu="audit-log"]').click()
  await page.waitForURL(/#\/audit\/log/)
  await page.locator('[data-test="audit-record-id"]').fill(String(createdUserId))
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes(`record_id=${createdUserId}`)),
    page.locator('[data-test="audit-search"]').click(),
  ])
  const row = page
    .locator('[data-test="audit-table"] .el-table__row')
    .filter({ has: page.locator('[data-action="create"]') })
    .filter({ has: page.locator(`[data-record$=":${createdUserId}"]`) })
  await row.first().waitFor()
  assert.match(await row.first().innerText(), /sysadmin/, 'the row names the sysadmin who added the user')
  await row.first().locator('.el-table__expand-icon').click()
  await page.locator('.el-table__expanded-cell').first().waitFor()

  await page.locator('[data-test="audit-verify"]').click()
  const verdict = page.locator('[data-test="audit-verify-result"]')
  await verdict.waitFor()
  assert.match(await verdict.innerText(), /哈希链完整/)
  await screenshot(page, 'audadmin-audit')
  assert.deepEqual(page.errors, [])
  await logout(page)
})
