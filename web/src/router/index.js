import { createRouter, createWebHashHistory } from 'vue-router'
import { routes } from './routes'
import { resolveNavigation } from './guard'
import { useUserStore } from '@/stores/user'

// Hash history: the server only has to serve index.html at "/", whatever page is open.
const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach((to) => resolveNavigation(to, useUserStore()))

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 旗帜` : '旗帜'
})

export default router
