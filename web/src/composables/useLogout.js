import { useRouter } from 'vue-router'
import { useUserStore } from '@/stores/user'

/** Ends the session on the server (if it still exists) and shows the login page. */
export function useLogout() {
  const router = useRouter()
  const user = useUserStore()
  return async () => {
    try {
      await user.logout()
    } catch {
      // The session is gone either way; the login page is the right place now.
    }
    await router.replace({ name: 'login' })
  }
}
