// Downloading the user's villages for offline work, and reading them back. The server's
// GET /api/v1/visits/offline-bundle answers in one request (households with current persons,
// masked, with their versions); it replaces the previous copy in one transaction, so a phone never
// holds half of one download and half of another.
import { offlineDb, getMeta, setMeta, clearOffline } from './db'

/**
 * Saves a downloaded bundle for `owner` (the username). A different owner's data is wiped first
 * (one phone, one person's households) — unless that owner still has visits not yet sent, which
 * would be lost: then this rejects and nothing changes.
 */
export async function saveBundle(owner, bundle, profile) {
  const previous = await getMeta('bundle')
  if (previous && previous.owner !== owner) {
    const db = await offlineDb()
    const unsent = (await db.countFromIndex('queue', 'state', 'pending')) + (await db.countFromIndex('queue', 'state', 'conflict'))
    if (unsent > 0) throw new Error(`本机还有 ${previous.owner} 的 ${unsent} 条走访记录未同步，请先由其登录同步后再下载`)
    await clearOffline()
  }
  const db = await offlineDb()
  const tx = db.transaction(['households', 'meta'], 'readwrite')
  const households = tx.objectStore('households')
  await households.clear()
  for (const h of bundle.households || []) await households.put(h)
  const { households: _, ...rest } = bundle
  await tx.objectStore('meta').put({ ...rest, owner, downloaded_at: new Date().toISOString(), count: (bundle.households || []).length }, 'bundle')
  if (profile) await tx.objectStore('meta').put({ ...profile, owner }, 'profile')
  await tx.done
}

/** What was downloaded (without the households), or undefined. */
export function bundleInfo() {
  return getMeta('bundle')
}

/** The saved /me answer of the bundle's owner, to open the offline page without network. */
export function offlineProfile() {
  return getMeta('profile')
}

export async function saveProfile(owner, profile) {
  return setMeta('profile', { ...profile, owner })
}

/** Households of one village (or all), ordered by village then household number. */
export async function offlineHouseholds(villageCode) {
  const db = await offlineDb()
  const list = villageCode
    ? await db.getAllFromIndex('households', 'village_code', villageCode)
    : await db.getAll('households')
  return list.sort((a, b) => `${a.village_code}${a.number ?? ''}`.localeCompare(`${b.village_code}${b.number ?? ''}`) || a.id - b.id)
}

export async function offlineHousehold(id) {
  return (await offlineDb()).get('households', id)
}

/** Replaces one household (after a conflict showed the server's current version). */
export async function putHousehold(household) {
  return (await offlineDb()).put('households', household)
}
