import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'

/**
 * A server-paged list: `query` holds the filters plus page/size/sort, `load()` fetches with
 * `fetchPage(query)` (an API list call answering `{items,total}`), `search()` goes back to page 1.
 */
export function useList(fetchPage, filters = {}) {
  const query = reactive({ ...filters, page: 1, size: 20, sort: undefined })
  const rows = ref([])
  const total = ref(0)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const answer = await fetchPage({ ...query })
      rows.value = answer.items
      total.value = answer.total
    } catch (err) {
      ElMessage.error(err.detail || '加载失败')
    } finally {
      loading.value = false
    }
  }

  function search() {
    query.page = 1
    return load()
  }

  function reset() {
    Object.assign(query, filters, { page: 1, sort: undefined })
    return load()
  }

  /** For el-table's sort-change with sortable="custom": `field` or `-field`. */
  function sortBy({ prop, order }) {
    query.sort = order ? (order === 'descending' ? `-${prop}` : prop) : undefined
    return search()
  }

  return { query, rows, total, loading, load, search, reset, sortBy }
}
