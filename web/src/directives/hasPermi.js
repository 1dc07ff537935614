import { useUserStore } from '@/stores/user'

// v-hasPermi="['system:user:add']": the element is removed unless the user holds one of them.
// The server checks the same permission; this only keeps buttons out of sight.
export default {
  mounted(el, binding) {
    if (!useUserStore().hasPermi(binding.value)) el.parentNode?.removeChild(el)
  },
}
