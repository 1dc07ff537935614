import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const server = 'http://127.0.0.1:8080'
const nodeModule = /node_modules[\\/]/
const elementPlus = /node_modules[\\/](element-plus|@element-plus)[\\/]/

// The server refuses writes whose Origin is not its own, so the dev proxy rewrites it.
const sameOrigin = {
  target: server,
  changeOrigin: true,
  configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', server)),
}

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': sameOrigin, '/healthz': sameOrigin } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/, priority: 3 },
            // Only the figure pages draw charts: ECharts loads with them, not at start.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 4 },
            { name: 'vendor', test: (id) => nodeModule.test(id) && !elementPlus.test(id), priority: 2 },
            { name: 'element-plus', test: elementPlus, priority: 1 },
          ],
        },
      },
    },
  },
  test: { environment: 'node', include: ['tests/**/*.test.js'] },
})
