// The offline visit queue against an in-memory IndexedDB (fake-indexeddb) and a fake server that
// behaves as POST /api/v1/visits promises: a client_id is stored once; a stale household_version
// is a 409 naming household_version; a bad body a 400.
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { clearOffline } from '@/offline/db'
import { enqueueVisit, queueEntries, sync, resubmit, discard, pendingCount } from '@/offline/queue'
import { saveBundle, bundleInfo, offlineHouseholds } from '@/offline/bundle'

function apiError(status, errors = [], problem = {}) {
  return Object.assign(new Error('api'), { status, errors, problem })
}

// The server: visits by client_id, households by id with their version.
function fakeServer({ versions = { 1: 3, 2: 5 } } = {}) {
  const stored = new Map()
  let nextId = 100
  let mode = 'up' // 'up' | 'down' | 'lose-answer'
  const server = {
    stored,
    calls: 0,
    setMode(m) {
      mode = m
    },
    async send(body) {
      server.calls++
      if (mode === 'down') throw apiError(0)
      if (stored.has(body.client_id)) return stored.get(body.client_id)
      if (!body.visited_on) throw apiError(400, [{ field: 'visited_on', message: '请填写走访日期' }])
      if (versions[body.household_id] !== body.household_version)
        throw apiError(409, [{ field: 'household_version', message: '该户信息已变更' }], { household: { id: body.household_id, version: versions[body.household_id] } })
      const visit = { id: nextId++, client_id: body.client_id }
      stored.set(body.client_id, visit)
      if (mode === 'lose-answer') {
        mode = 'up'
        throw apiError(0) // stored, but the phone never heard back
      }
      return visit
    },
  }
  return server
}

const visit = (household_id, household_version, extra = {}) => ({ household_id, household_version, visited_on: '2026-11-20', lines: [], ...extra })

beforeEach(async () => {
  await clearOffline()
})

describe('offline queue', () => {
  it('sends a queued visit once and marks it synced with the server id', async () => {
    const server = fakeServer()
    const e = await enqueueVisit(visit(1, 3))
    expect(e.client_id).toMatch(/^[0-9a-f-]{36}$/)
    const r = await sync((b) => server.send(b))
    expect(r).toMatchObject({ synced: 1, conflicts: 0, rejected: 0, stopped: null })
    const [entry] = await queueEntries()
    expect(entry.state).toBe('synced')
    expect(entry.visit_id).toBe(100)
    await sync((b) => server.send(b))
    expect(server.calls).toBe(1)
  })

  it('a retry after a lost answer reuses the client_id, so the server holds one visit', async () => {
    const server = fakeServer()
    await enqueueVisit(visit(1, 3))
    server.setMode('lose-answer')
    const first = await sync((b) => server.send(b))
    expect(first).toMatchObject({ synced: 0, pending: 1, stopped: 'offline' })
    expect(await pendingCount()).toBe(1)
    const second = await sync((b) => server.send(b))
    expect(second.synced).toBe(1)
    expect(server.stored.size).toBe(1)
    expect((await queueEntries('synced'))[0].visit_id).toBe(100)
  })

  it('stops at the first network failure and keeps the order of what is left', async () => {
    const server = fakeServer()
    const a = await enqueueVisit(visit(1, 3, { visited_on: '2026-11-18' }))
    await new Promise((r) => setTimeout(r, 2))
    const b = await enqueueVisit(visit(2, 5, { visited_on: '2026-11-19' }))
    server.setMode('down')
    const r = await sync((x) => server.send(x))
    expect(r).toMatchObject({ synced: 0, pending: 2, stopped: 'offline' })
    expect(server.calls).toBe(1)
    server.setMode('up')
    await sync((x) => server.send(x))
    expect([...server.stored.keys()]).toEqual([a.client_id, b.client_id])
  })

  it('a changed household becomes a conflict with the server’s version, is not resent, and can be redone', async () => {
    const server = fakeServer()
    const e = await enqueueVisit(visit(1, 2))
    const r = await sync((b) => server.send(b))
    expect(r.conflicts).toBe(1)
    const [entry] = await queueEntries('conflict')
    expect(entry.conflict.household).toEqual({ id: 1, version: 3 })
    await sync((b) => server.send(b))
    expect(server.calls).toBe(1)
    await resubmit(e.client_id, visit(1, 3))
    expect((await sync((b) => server.send(b))).synced).toBe(1)
    expect(server.stored.has(e.client_id)).toBe(true)
  })

  it('a refused visit keeps the server’s messages, does not block the next, and can be discarded', async () => {
    const server = fakeServer()
    const bad = await enqueueVisit(visit(1, 3, { visited_on: '' }))
    await new Promise((r) => setTimeout(r, 2))
    await enqueueVisit(visit(2, 5))
    const r = await sync((b) => server.send(b))
    expect(r).toMatchObject({ synced: 1, rejected: 1 })
    const [rejected] = await queueEntries('rejected')
    expect(rejected.errors).toEqual([{ field: 'visited_on', message: '请填写走访日期' }])
    await discard(bad.client_id)
    expect((await queueEntries('discarded')).map((x) => x.client_id)).toEqual([bad.client_id])
  })
})

describe('offline bundle', () => {
  const bundle = (ids) => ({ villages: ['500111103200'], households: ids.map((id, i) => ({ id, village_code: '500111103200', number: `20000${i}`, version: 1, persons: [] })) })

  it('replaces the previous download as a whole', async () => {
    await saveBundle('outreach', bundle([1, 2, 3]))
    await saveBundle('outreach', bundle([4, 5]))
    expect((await offlineHouseholds()).map((h) => h.id)).toEqual([4, 5])
    expect(await bundleInfo()).toMatchObject({ owner: 'outreach', count: 2, villages: ['500111103200'] })
  })

  it('refuses another user’s download while visits of the first are unsent, and wipes it once sent', async () => {
    const server = fakeServer()
    await saveBundle('outreach', bundle([1]))
    await enqueueVisit(visit(1, 3))
    await expect(saveBundle('admin', bundle([9]))).rejects.toThrow(/outreach 的 1 条走访记录未同步/)
    expect((await offlineHouseholds()).map((h) => h.id)).toEqual([1])
    await sync((b) => server.send(b))
    await saveBundle('admin', bundle([9]))
    expect((await offlineHouseholds()).map((h) => h.id)).toEqual([9])
    expect(await queueEntries()).toEqual([])
  })
})
