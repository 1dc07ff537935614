// Starts a real qizhi server on a fresh database for one API test file.
//
// startServer({db, env, args}) -> {url, port, dbUrl, tmp, keyFile, log, stop(), sql(), rows(), qizhi(), kill9(), restart()}
//   db    'sqlite' | 'postgresql' (default: env QIZHI_TEST_DB, else sqlite)
//   env   extra environment for `qizhi demo` and `qizhi serve`
//   args  extra arguments for `qizhi serve` (e.g. ['--web-root', dir])
//   existing {dbUrl, keyFile}: serve this database (e.g. a restored backup) instead of a new demo
// useServer(opts) registers before/afterEach/after hooks in the calling test file and returns a
// handle that is filled in once the server is up; the server log is printed when a test failed.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { before, after, afterEach } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const QIZHI_BIN = path.resolve(process.env.QIZHI_BIN || path.join(repoRoot, 'build', 'debug', 'qizhi'));
export const DEMO_PASSWORD = process.env.QIZHI_DEMO_PASSWORD || 'Qizhi@2026';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function logTail(file, max = 20000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > max ? '…' + text.slice(-max) : text;
  } catch (e) {
    return `(no log: ${e.message})`;
  }
}

// Replaces the database name of a postgresql:// URL.
function pgUrlWithDb(serverUrl, dbName) {
  const u = new URL(serverUrl);
  u.pathname = '/' + dbName;
  return u.toString();
}

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    killAll();
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  });
}

export async function startServer({ db = process.env.QIZHI_TEST_DB || 'sqlite', env = {}, args = [], existing = null } = {}) {
  if (!fs.existsSync(QIZHI_BIN)) throw new Error(`qizhi binary not found: ${QIZHI_BIN} (set QIZHI_BIN)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qizhi-api-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keyFile = path.join(tmp, 'key');
  const log = path.join(tmp, 'server.log');
  let dbUrl;
  let sqliteFile = null;
  let pgDbName = null;
  const pgServer = process.env.QIZHI_TEST_PG;

  if (existing) {
    // A database made elsewhere (a restored backup): served as it is, never dropped here.
    dbUrl = existing.dbUrl;
    if (dbUrl.startsWith('sqlite:')) sqliteFile = dbUrl.slice('sqlite:'.length);
    db = sqliteFile ? 'sqlite' : 'postgresql';
  } else if (db === 'sqlite') {
    sqliteFile = path.join(tmp, 'api.db');
    dbUrl = `sqlite:${sqliteFile}`;
  } else if (db === 'postgresql' || db === 'pg') {
    db = 'postgresql';
    if (!pgServer) throw new Error('QIZHI_TEST_DB=postgresql needs QIZHI_TEST_PG (e.g. postgresql://qizhi@127.0.0.1:55432/postgres)');
    pgDbName = 'qz_' + crypto.randomBytes(6).toString('hex');
    execFileSync('psql', [pgServer, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE DATABASE ${pgDbName}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    dbUrl = pgUrlWithDb(pgServer, pgDbName);
  } else {
    throw new Error(`unknown QIZHI_TEST_DB: ${db}`);
  }

  const childEnv = { ...process.env, ...env };
  if (existing) fs.copyFileSync(existing.keyFile, keyFile);
  fs.writeFileSync(log, existing ? '' : `$ qizhi demo --db ${dbUrl} --key-file ${keyFile}\n`);
  const demo = existing ? { status: 0 } : spawnSync(QIZHI_BIN, ['demo', '--db', dbUrl, '--key-file', keyFile], { cwd: tmp, env: childEnv, encoding: 'utf8', timeout: 120000 });
  fs.appendFileSync(log, (demo.stdout || '') + (demo.stderr || ''));
  if (demo.status !== 0) {
    if (pgDbName) {
      try {
        execFileSync('psql', [pgServer, '-q', '-c', `DROP DATABASE IF EXISTS ${pgDbName} WITH (FORCE)`], { stdio: 'ignore' });
      } catch { /* best effort */ }
    }
    throw new Error(`qizhi demo failed (status ${demo.status}, signal ${demo.signal}):\n${logTail(log)}`);
  }

  const serveArgs = ['serve', '--db', dbUrl, '--key-file', keyFile, '--listen', '127.0.0.1', '--port', String(port), ...args];
  let child = null;
  let exited = null;
  let exitPromise = null;
  const spawnServe = () => {
    fs.appendFileSync(log, `$ qizhi ${serveArgs.join(' ')}\n`);
    const fd = fs.openSync(log, 'a');
    child = spawn(QIZHI_BIN, serveArgs, { cwd: tmp, env: childEnv, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    running.add(child);
    exited = null;
    const me = child;
    exitPromise = new Promise((resolve) => {
      me.on('exit', (code, signal) => {
        exited = { code, signal };
        running.delete(me);
        resolve(exited);
      });
    });
  };
  spawnServe();

  const sql = (query) => {
    if (sqliteFile) {
      return execFileSync('sqlite3', ['-cmd', '.timeout 10000', sqliteFile, query], { encoding: 'utf8' }).replace(/\n$/, '');
    }
    return execFileSync('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-At', '-c', query], { encoding: 'utf8' }).replace(/\n$/, '');
  };
  // Rows as arrays of strings (columns separated by '|' in both CLIs).
  const rows = (query) => {
    const out = sql(query);
    return out === '' ? [] : out.split('\n').map((line) => line.split('|'));
  };
  // Runs another qizhi command (same binary, same environment plus `extraEnv`; the database and
  // key file are also given as QIZHI_SERVER_DB / QIZHI_SERVER_KEY_FILE for commands without flags).
  const qizhi = (cmdArgs, extraEnv = {}) => {
    const env = { ...childEnv, QIZHI_SERVER_DB: dbUrl, QIZHI_SERVER_KEY_FILE: keyFile, ...extraEnv };
    const r = spawnSync(QIZHI_BIN, cmdArgs, { cwd: tmp, env, encoding: 'utf8', timeout: 60000 });
    return { status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', output: (r.stdout || '') + (r.stderr || '') };
  };

  let stopped = false;
  const stop = async ({ printLog = false } = {}) => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 10000);
      await exitPromise;
      clearTimeout(t);
    }
    if (printLog) {
      process.stderr.write(`\n----- qizhi server log (${log}) -----\n${logTail(log)}\n----- end of server log -----\n`);
    }
    if (pgDbName) {
      try {
        execFileSync('psql', [pgServer, '-q', '-c', `DROP DATABASE IF EXISTS ${pgDbName} WITH (FORCE)`], { stdio: 'ignore' });
      } catch { /* best effort */ }
    }
    if (!printLog && !process.env.QIZHI_TEST_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };

  // Wait for /readyz.
  const waitReady = async () => {
    const deadline = Date.now() + 30000;
    let last = 'no answer';
    for (;;) {
      if (exited) {
        await stop();
        throw new Error(`qizhi serve exited early (${JSON.stringify(exited)}):\n${logTail(log)}`);
      }
      try {
        const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
        last = `status ${r.status}`;
        await r.arrayBuffer();
        if (r.status === 200) break;
      } catch (e) {
        last = e.cause?.code || e.message;
      }
      if (Date.now() > deadline) {
        const tail = logTail(log);
        await stop();
        throw new Error(`qizhi serve not ready after 30 s (${last}):\n${tail}`);
      }
      await sleep(100);
    }
  };
  await waitReady();

  // The crash tests: kill -9 (no shutdown at all), then the same command again on the same database.
  const kill9 = async () => {
    if (!exited) {
      child.kill('SIGKILL');
      await exitPromise;
    }
  };
  const restart = async () => {
    spawnServe();
    await waitReady();
  };

  return { url, port, db, dbUrl, tmp, keyFile, log, get child() { return child; }, stop, sql, rows, qizhi, kill9, restart, logTail: () => logTail(log) };
}

// Registers the hooks of one test file: start before the first test, stop after the last,
// print the server log when any test failed.
export function useServer(opts = {}) {
  const handle = {};
  let failed = false;
  let server = null;
  before(async () => {
    server = await startServer(opts);
    Object.assign(handle, server);
  }, { timeout: 150000 });
  afterEach((t) => {
    if (t.passed === false) failed = true;
  });
  after(async () => {
    if (server) await server.stop({ printLog: failed });
  }, { timeout: 30000 });
  return handle;
}

export { sleep };
