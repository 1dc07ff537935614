/**
 * Where a navigation must go instead, or true to let it through. `user` is the user store;
 * restricted sessions (expired password, TOTP enrolment due) are held on their one page.
 */
export async function resolveNavigation(to, user) {
  if (to.meta.public) return true
  if (!user.loaded) {
    try {
      await user.fetchMe()
    } catch {
      return { name: 'login', query: to.name === 'dashboard' ? {} : { redirect: to.fullPath } }
    }
  }
  if (user.passwordExpired) return to.name === 'password' ? true : { name: 'password' }
  if (user.totpEnrolRequired) return to.name === 'totp-enrol' ? true : { name: 'totp-enrol' }
  if (!user.hasPermi(to.meta.permi)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
  return true
}
