import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'dayjs/locale/zh-cn'
import dayjs from 'dayjs'
import App from './App.vue'
import router from './router'
import hasPermi from './directives/hasPermi'
import element from './plugins/element'
import './styles/index.css'

dayjs.locale('zh-cn')

createApp(App)
  .use(createPinia())
  .use(router)
  .use(element)
  .directive('hasPermi', hasPermi)
  .mount('#app')

// The service worker keeps the app on the device for the offline visit pages (public/sw.js).
// Development (vite dev) runs without it so edits show at once.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => navigator.serviceWorker.register('./sw.js').catch(() => {}))
}
