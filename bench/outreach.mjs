// Times the coverage screen at one scale over HTTP: the first request of the month (which builds
// the kept coverage summary for every hospital read) and then ROUNDS (20) requests each of the
// coverage figures, a health figure grouped by village, and the first page of the households not
// yet visited and of the persons not yet seen. Prints one JSON line: {label, build_ms, endpoints:
// {name: {median_ms, p95_ms}}}; bench/outreach turns the lines into the table.
//
//   node bench/outreach.mjs URL USERNAME LABEL
import http from 'node:http'
import { loginAs } from '../tests/api/lib/client.mjs'

const [url, username, label] = process.argv.slice(2)
const password = process.env.QIZHI_DEMO_PASSWORD || 'Qizhi@2026'
const ROUNDS = Number(process.env.BENCH_ROUNDS || 20)
const c = await loginAs(url, username, password)

async function timed(path) {
  const t = performance.now()
  const r = await c.get(path)
  const ms = performance.now() - t
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
  return { ms, body: r.body }
}

// The first request may take minutes (it builds the month for every hospital read), longer than
// fetch waits for response headers (300 s): it goes through node:http, which waits.
function longGet(path) {
  return new Promise((resolve, reject) => {
    const t = performance.now()
    const req = http.get(url + path, { headers: { cookie: c.cookieHeader(), accept: 'application/json' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`))
        else resolve({ ms: performance.now() - t, body: JSON.parse(text) })
      })
    })
    req.on('error', reject)
  })
}

const first = await longGet('/api/v1/coverage')
const endpoints = {
  coverage: '/api/v1/coverage',
  figure_by_village: '/api/v1/figures/health_covered_households?by=village',
  not_visited_page: '/api/v1/coverage/households?state=not_visited&size=50',
  not_seen_page: '/api/v1/coverage/persons?state=not_seen&size=50',
}
const out = { label, build_ms: Math.round(first.ms), totals: first.body.totals, endpoints: {} }
for (const [name, path] of Object.entries(endpoints)) {
  const times = []
  for (let i = 0; i < ROUNDS; i++) times.push((await timed(path)).ms)
  times.sort((a, b) => a - b)
  out.endpoints[name] = {
    median_ms: Number(times[Math.floor(times.length / 2)].toFixed(1)),
    p95_ms: Number(times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)].toFixed(1)),
  }
}
// The phone's download before a trip (BENCH_BUNDLE_USER: a team member): households, members and
// open service items of the team's villages, timed as the body arrives.
if (process.env.BENCH_BUNDLE_USER) {
  const member = await loginAs(url, process.env.BENCH_BUNDLE_USER, password)
  const times = []
  let body
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    const r = await member.get('/api/v1/visits/offline-bundle')
    times.push(performance.now() - t)
    if (r.status !== 200) throw new Error(`offline-bundle: ${r.status}`)
    body = r.body
  }
  times.sort((a, b) => a - b)
  out.bundle = {
    households: body.household_count,
    persons: body.person_count,
    bytes: Buffer.byteLength(JSON.stringify(body)),
    median_ms: Number(times[2].toFixed(1)),
    p95_ms: Number(times[4].toFixed(1)),
  }
}
console.log(JSON.stringify(out))
