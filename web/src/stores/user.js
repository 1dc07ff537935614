import { defineStore } from 'pinia'
import { getMe, login as apiLogin, logout as apiLogout } from '@/api/auth'
import { hasAnyPermi } from '@/utils/permission'

// Who is signed in, what they may do, and the CSRF token for writes. Nothing is kept in
// localStorage: a reload asks GET /api/v1/me again, the session cookie being the truth.
export const useUserStore = defineStore('user', {
  state: () => ({
    loaded: false,
    user: null,
    roles: [],
    permissions: [],
    csrfToken: '',
    passwordExpired: false,
    totpEnabled: false,
    totpEnrolRequired: false,
    offline: false, // opened without network from the profile saved with the offline download
  }),
  getters: {
    hasPermi: (state) => {
      const owned = new Set(state.permissions)
      return (required) => hasAnyPermi(owned, required)
    },
  },
  actions: {
    applyMe(me) {
      this.user = me.user
      this.roles = me.roles || []
      this.permissions = me.permissions || []
      this.csrfToken = me.csrf_token || this.csrfToken
      this.passwordExpired = !!me.password_expired
      this.totpEnabled = !!me.totp_enabled
      this.totpEnrolRequired = !!me.totp_enrol_required
      this.loaded = true
    },
    /** Loads the session's user; rejects with the ApiError (401 when not signed in). */
    async fetchMe() {
      this.applyMe(await getMe({ redirectOn401: false }))
    },
    /** Signs in and loads the full profile. Rejects with the server's ApiError. */
    async login(form) {
      const answer = await apiLogin(form)
      this.csrfToken = answer.csrf_token
      await this.fetchMe()
    },
    async logout() {
      try {
        await apiLogout()
      } finally {
        this.reset()
      }
    },
    reset() {
      this.$reset()
    },
  },
})
