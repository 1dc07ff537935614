// Visits recorded on the phone wait here until they reach the server. Each carries a client_id
// made on the device (crypto.randomUUID): the server stores a client_id once, so a retry after a
// lost answer never makes a second visit. Sending is `sync()` with the transport injected (the
// real one is the API client; tests give their own), one visit at a time in the order recorded:
// - stored (201) or already stored (200): synced, with the server's visit id;
// - 409 on household_version: the household changed on the server since the download — kept as
//   a conflict with the server's current household, shown to the user, never sent over it;
// - 400/403/404/409 client_id: rejected with the server's messages (the user fixes or discards);
// - no network (status 0), 401 (session ended), 5xx: left pending and sync stops, to try later.
import { offlineDb } from './db'

function newClientId() {
  return globalThis.crypto.randomUUID()
}

// IndexedDB stores plain data only (a page's reactive proxies cannot be cloned).
const plain = (v) => JSON.parse(JSON.stringify(v))

/** Queues a visit (the POST /api/v1/visits body) and returns the stored entry. */
export async function enqueueVisit(body, label = {}) {
  body = plain(body)
  label = plain(label)
  const entry = {
    client_id: body.client_id || newClientId(),
    household_id: body.household_id,
    label, // what the list shows: household head, village, date
    body: null,
    state: 'pending',
    attempts: 0,
    errors: [],
    conflict: null,
    visit_id: null,
    created_at: new Date().toISOString(),
    synced_at: null,
  }
  entry.body = { ...body, client_id: entry.client_id }
  await (await offlineDb()).put('queue', entry)
  return entry
}

export async function queueEntries(state) {
  const db = await offlineDb()
  const list = state ? await db.getAllFromIndex('queue', 'state', state) : await db.getAll('queue')
  return list.sort((a, b) => a.created_at.localeCompare(b.created_at))
}

export async function pendingCount() {
  return (await offlineDb()).countFromIndex('queue', 'state', 'pending')
}

async function update(entry) {
  await (await offlineDb()).put('queue', entry)
  return entry
}

/** The user gives up a conflicting or rejected visit: kept, marked discarded, never sent. */
export async function discard(clientId) {
  const entry = await (await offlineDb()).get('queue', clientId)
  if (!entry || entry.state === 'synced') return entry
  return update({ ...entry, state: 'discarded' })
}

/**
 * Puts a conflicting or rejected visit back in line with a corrected body (for a conflict: the
 * lines redone against the household's current members and its new version). The client_id stays:
 * the server never stored it.
 */
export async function resubmit(clientId, body) {
  const entry = await (await offlineDb()).get('queue', clientId)
  if (!entry || entry.state === 'synced') return entry
  return update({ ...entry, body: { ...plain(body), client_id: clientId }, state: 'pending', errors: [], conflict: null })
}

function fieldOf(err) {
  return (err.errors || []).map((e) => e.field)
}

/**
 * Sends the pending visits through `send(body)` (resolves to the stored visit; rejects with an
 * ApiError-like {status, errors, problem}). Resolves to {synced, conflicts, rejected, pending,
 * stopped} — stopped names why sending paused ('offline', 'unauthorized', 'server') or is null.
 */
export async function sync(send) {
  const result = { synced: 0, conflicts: 0, rejected: 0, pending: 0, stopped: null }
  const pending = await queueEntries('pending')
  for (let i = 0; i < pending.length; i++) {
    const entry = pending[i]
    entry.attempts += 1
    try {
      const visit = await send(entry.body)
      await update({ ...entry, state: 'synced', visit_id: visit?.id ?? null, synced_at: new Date().toISOString(), errors: [] })
      result.synced++
    } catch (err) {
      const status = err?.status ?? 0
      if (status === 0 || status === 401 || status >= 500) {
        await update(entry)
        result.stopped = status === 0 ? 'offline' : status === 401 ? 'unauthorized' : 'server'
        result.pending = pending.length - i
        return result
      }
      if (status === 409 && fieldOf(err).includes('household_version')) {
        await update({ ...entry, state: 'conflict', errors: plain(err.errors || []), conflict: err.problem ? plain(err.problem) : null })
        result.conflicts++
      } else {
        await update({ ...entry, state: 'rejected', errors: plain(err.errors || []) })
        result.rejected++
      }
    }
  }
  return result
}
