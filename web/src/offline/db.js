// The phone's own copy for work without network (a village with weak signal): the households of
// the user's villages as last downloaded, and the visits recorded but not yet sent. IndexedDB
// (through idb) because it survives closing the browser and holds thousands of records; nothing
// here is the truth — the server is, and sync.js reconciles.
//
// Stores: meta (key → value: 'bundle' = what was downloaded and when, 'profile' = the signed-in
// user's /me answer for opening the offline page without network), households (keyPath id, index
// village_code), queue (keyPath client_id, index state: pending | synced | conflict | rejected |
// discarded — rows stay after sync so the user sees what went).
import { openDB, deleteDB } from 'idb'

export const DB_NAME = 'qizhi-offline'
const VERSION = 1

let opening = null

export function offlineDb() {
  if (!opening) {
    opening = openDB(DB_NAME, VERSION, {
      upgrade(db) {
        db.createObjectStore('meta')
        const households = db.createObjectStore('households', { keyPath: 'id' })
        households.createIndex('village_code', 'village_code')
        const queue = db.createObjectStore('queue', { keyPath: 'client_id' })
        queue.createIndex('state', 'state')
      },
    })
  }
  return opening
}

/** Forgets everything on this device (another user signs in, or the user asks). */
export async function clearOffline() {
  if (opening) (await opening).close()
  opening = null
  await deleteDB(DB_NAME)
}

export async function getMeta(key) {
  return (await offlineDb()).get('meta', key)
}

export async function setMeta(key, value) {
  return (await offlineDb()).put('meta', value, key)
}
