import { reactive, ref } from 'vue'
import { splitErrors } from '@/utils/problem'

/**
 * Server validation errors for one form: `fieldErrors.phone` goes to
 * `<el-form-item :error="fieldErrors.phone">`, `generalError` to an el-alert above the form.
 */
export function useFormErrors(fieldNames) {
  const fieldErrors = reactive(Object.fromEntries(fieldNames.map((f) => [f, ''])))
  const generalError = ref('')

  function clear() {
    for (const f of fieldNames) fieldErrors[f] = ''
    generalError.value = ''
  }

  function show(err) {
    clear()
    const { fields, general } = splitErrors(err, fieldNames)
    Object.assign(fieldErrors, fields)
    generalError.value = general
  }

  return { fieldErrors, generalError, clear, show }
}
