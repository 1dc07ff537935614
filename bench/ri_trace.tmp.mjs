// Import of a county's 建档立卡 list of BENCH_PERSONS (100,000) persons in 25,000 households over
// the 12 demo villages of 中敖镇: the preview, the import job (first run: everything created) and
// the re-import (everything unchanged), each timed end to end over HTTP.
//
//   QIZHI_BIN=build/release/qizhi node bench/registry_import.mjs            # SQLite
//   QIZHI_BIN=build/release/qizhi QIZHI_TEST_DB=postgresql QIZHI_TEST_PG=postgresql://… node bench/registry_import.mjs
import { startServer, DEMO_PASSWORD } from '../tests/api/lib/server.mjs'
import { loginAs } from '../tests/api/lib/client.mjs'
import { checkChar } from '../tests/api/lib/idnumber.mjs'

const PERSONS = Number(process.env.BENCH_PERSONS || 100000)
const VILLAGES = Array.from({ length: 12 }, (_, i) => `5001111032${String(i).padStart(2, '0')}`)
const CAUSES = ['因病', '因残', '因学', '缺劳力', '缺技术']

// Region 500193 (no demo or test record uses it); birth dates spread over 1940-2019.
function id(n) {
  const day = new Date(Date.UTC(1940, 0, 1) + (n % 29000) * 86400000).toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `500193${day}${String(Math.floor(n / 29000) * 2 + 1).padStart(3, '0')}`
  return first17 + checkChar(first17)
}

function file() {
  const lines = ['村,户编号,姓名,身份证号,与户主关系,联系电话,致贫原因,户类型,状态日期,慢性病,残疾,人均纯收入(元)']
  const relations = ['妻', '子', '女']
  for (let n = 0; n < PERSONS; n++) {
    const household = Math.floor(n / 4)
    const head = n % 4 === 0
    const village = VILLAGES[household % VILLAGES.length]
    if (head) lines.push(`${village},B${household},户主${n},${id(n)},户主,139${String(n).padStart(8, '0')},${CAUSES[household % 5]},脱贫,2019-12-20,${n % 3 ? '' : '高血压'},,${8000 + (n % 5000)}.50`)
    else lines.push(`,B${household},成员${n},${id(n)},${relations[(n % 4) - 1]},,,,,${n % 7 ? '' : '2型糖尿病'},${n % 50 ? '' : '肢体三级'},`)
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8')
}

async function waitJob(c, jobId) {
  for (;;) {
    const j = (await c.get(`/api/v1/jobs/${jobId}`)).body
    if (j.percent !== globalThis.lastPct) { console.log(`    ${((Date.now() - globalThis.t0) / 1000).toFixed(1)} s: ${j.percent}%`); globalThis.lastPct = j.percent }
    if (j.state !== "running") return j
    await new Promise((r) => setTimeout(r, 200))
  }
}

const srv = await startServer()
try {
  const c = await loginAs(srv.url, 'admin', DEMO_PASSWORD)
  const bytes = file()
  console.log(`registry import bench (${process.env.QIZHI_TEST_DB || 'sqlite'}): ${PERSONS} persons, ${(bytes.length / 1e6).toFixed(1)} MB CSV`)
  const post = (path) => c.request('POST', path, undefined, { rawBody: bytes, headers: { 'content-type': 'text/csv' } })
  let t = Date.now()
  const preview = await post('/api/v1/registry/import/preview')
  console.log(`  preview:   ${((Date.now() - t) / 1000).toFixed(1)} s  status ${preview.status} errors ${preview.body.errors?.length} create ${preview.body.persons_created}`)
  for (const label of ['import', 're-import']) {
    t = Date.now()
    globalThis.t0 = Date.now()
    const started = await post('/api/v1/registry/import')
    const j = await waitJob(c, started.body.job_id)
    const r = j.result || {}
    console.log(`  ${label.padEnd(9)}: ${((Date.now() - t) / 1000).toFixed(1)} s  ${j.state} created ${r.persons_created} updated ${r.persons_updated} unchanged ${r.unchanged}${j.state === 'failed' ? ' ' + JSON.stringify(j.errors).slice(0, 300) : ''}`)
  }
} catch (err) {
  console.error(err.message, (await import('node:fs')).readFileSync(srv.log, 'utf8').split('\n').filter((l) => !l.includes('event=request')).slice(-60).join('\n'))
  process.exitCode = 1
} finally {
  await srv.stop()
}
