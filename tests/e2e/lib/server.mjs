// A `qizhi serve` of its own for a browser test: a fresh demo database in a temp dir, a free
// port on 127.0.0.1, the built web app. QIZHI_BIN and QIZHI_WEB_ROOT name the binary and web/dist.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A TCP port free on 127.0.0.1 just now. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

function logTail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')
  } catch {
    return '(no server log)'
  }
}

async function waitReady(url, exited, log) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`qizhi serve exited early:\n${logTail(log)}`)
    try {
      const r = await fetch(`${url}/readyz`)
      if (r.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`qizhi serve not ready within 30 s:\n${logTail(log)}`)
}

/**
 * Creates the demo database (`qizhi demo`) and starts `qizhi serve` on it; resolves once
 * /readyz answers 200. Returns `{baseUrl, dir, logTail(), stop()}`; `stop()` ends the server
 * (SIGTERM, SIGKILL after 5 s) and removes the temp dir.
 */
export async function startServer({ bin = process.env.QIZHI_BIN, webRoot = process.env.QIZHI_WEB_ROOT } = {}) {
  assert.ok(bin, 'set QIZHI_BIN to the qizhi server binary')
  assert.ok(webRoot, 'set QIZHI_WEB_ROOT to the built web app (web/dist)')
  const dir = mkdtempSync(join(tmpdir(), 'qizhi-e2e-'))
  const db = `sqlite:${join(dir, 'e2e.db')}`
  const key = join(dir, 'key')
  const serverLog = join(dir, 'server.log')
  let child

  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await gone
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    const demo = spawnSync(bin, ['demo', '--db', db, '--key-file', key], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(demo.status, 0, `qizhi demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`)

    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const log = openSync(serverLog, 'a')
    child = spawn(
      bin,
      ['serve', '--db', db, '--key-file', key, '--listen', '127.0.0.1', '--port', String(port), '--web-root', webRoot],
      { stdio: ['ignore', log, log] },
    )
    closeSync(log)
    let exited = false
    child.once('exit', () => (exited = true))
    process.once('exit', () => child?.kill('SIGKILL'))
    await waitReady(baseUrl, () => exited, serverLog)
    return { baseUrl, dir, logTail: () => logTail(serverLog), stop }
  } catch (err) {
    await stop()
    throw err
  }
}
