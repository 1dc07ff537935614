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
