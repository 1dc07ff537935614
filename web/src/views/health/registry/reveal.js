import { ElMessageBox } from 'element-plus'

/** Asks before a full read of personal data (it is audited); resolves true when confirmed. */
export async function confirmReveal(what) {
  try {
    await ElMessageBox.confirm(`将显示${what}，本次查看会记入审计日志（谁、看了谁、何时）。确定查看吗？`, '查看完整信息', {
      confirmButtonText: '查看',
      cancelButtonText: '取消',
      type: 'warning',
    })
    return true
  } catch {
    return false
  }
}
