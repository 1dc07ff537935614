// Element Plus, only the parts the pages use (the full library is 1 MB of script), with the
// Chinese locale. tests/element.test.js fails when a page uses an <el-…> tag not listed here.
import {
  makeInstaller,
  ElAlert,
  ElButton,
  ElCard,
  ElCheckbox,
  ElContainer,
  ElDatePicker,
  ElDescriptions,
  ElDialog,
  ElDivider,
  ElEmpty,
  ElForm,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElLoading,
  ElMenu,
  ElMessage,
  ElMessageBox,
  ElPagination,
  ElResult,
  ElSelect,
  ElSkeleton,
  ElSwitch,
  ElTable,
  ElTag,
  ElText,
  ElTreeSelect,
} from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'

// Each plugin also installs its parts: ElForm the form item, ElTable the column, ElContainer
// aside/header/main, ElMenu the items and sub-menus, ElCheckbox the group, ElSelect the option,
// ElDescriptions the item.
export const components = [
  ElAlert,
  ElButton,
  ElCard,
  ElCheckbox,
  ElContainer,
  ElDatePicker,
  ElDescriptions,
  ElDialog,
  ElDivider,
  ElEmpty,
  ElForm,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElMenu,
  ElPagination,
  ElResult,
  ElSelect,
  ElSkeleton,
  ElSwitch,
  ElTable,
  ElTag,
  ElText,
  ElTreeSelect,
]

const installer = makeInstaller([...components, ElLoading, ElMessage, ElMessageBox])

export default {
  install: (app) => installer.install(app, { locale: zhCn }),
}
