/**
 * Where a navigation must go instead, or true to let it through. `user` is the user store;
 * restricted sessions (expired password, TOTP enrolment due) are held on their one page. With
 * no network at all, a page marked meta.offline opens as the user who last downloaded data on
 * this device (`offlineProfile`, injectable for tests), so a visit can be recorded in a village.
 */
export async function resolveNavigation(to, user, offlineProfile = loadOfflineProfile) {
  if (to.meta.public) return true
  if (!user.loaded) {
    try {
      await user.fetchMe()
    } catch (err) {
      const profile = err?.status === 0 && to.meta.offline ? await offlineProfile() : null
      if (!profile) return { name: 'login', query: to.name === 'dashboard' ? {} : { redirect: to.fullPath } }
      user.applyMe(profile)
      user.offline = true
    }
  }
  if (user.passwordExpired) return to.name === 'password' ? true : { name: 'password' }
  if (user.totpEnrolRequired) return to.name === 'totp-enrol' ? true : { name: 'totp-enrol' }
  if (!user.hasPermi(to.meta.permi)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
  return true
}

async function loadOfflineProfile() {
  try {
    const { offlineProfile } = await import('@/offline/bundle')
    return (await offlineProfile()) || null
  } catch {
    return null
  }
}
