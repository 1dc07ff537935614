// Choices of the member record, copied from src/party/members/rules.hpp and roster.hpp (the
// server validates against its own lists; these only fill the selects).

export const sexes = ['男', '女']

// Educations()
export const educations = ['研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下']

// Categories()
export const categories = ['在岗职工', '离退休人员', '劳务派遣人员', '学生', '其他']

// Ethnicities(): the 56 民族, 汉族 first (GB/T 3304 order).
export const ethnicities = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
]

// 党员类别: 预备 (probationary) or 正式 (full).
export const statuses = ['预备', '正式']

// AgeBands(): code → title.
export const ageBands = [
  { value: 'le30', label: '30岁及以下' },
  { value: '31to35', label: '31-35岁' },
  { value: '36to45', label: '36-45岁' },
  { value: '46to55', label: '46-55岁' },
  { value: '56to60', label: '56-60岁' },
  { value: 'gt60', label: '61岁及以上' },
]

// PartyPosts() and HospitalPosts().
export const partyPosts = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '青年委员', '统战委员', '党小组组长', '委员']
export const hospitalPosts = ['院长', '副院长', '科主任', '副主任', '护士长', '副护士长', '科室负责人', '职能部门负责人', '其他']

export const postKinds = [
  { value: 'party', label: '党内职务' },
  { value: 'hospital', label: '行政职务' },
]

export const rewardKinds = [
  { value: 'reward', label: '奖励' },
  { value: 'punishment', label: '惩处' },
]

// LeaveKinds(): 党员减少.
export const leaveKinds = ['死亡', '出党', '退党', '停止党籍', '其他']

export const transferKinds = [
  { value: 'between', label: '系统内转接' },
  { value: 'out', label: '转出' },
]

// Suggestions for the family tab (free text on the server).
export const relations = ['配偶', '父亲', '母亲', '儿子', '女儿', '兄弟', '姐妹', '其他']
export const politicalStatuses = ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众']

// Kinds of a period in a unit (units tab) and of a transfer.
export const unitPeriodKinds = {
  joined: '入党',
  transfer_in: '转入',
  transfer_between: '系统内转接',
  transfer_out: '转出',
  left: '党员减少',
}
export const transferKindTitles = { in: '转入', between: '系统内转接', out: '转出' }

// RosterColumns() of src/party/members/roster.hpp: the header row of an import file.
export const rosterColumns = [
  '姓名', '性别', '公民身份号码', '民族', '籍贯', '学历', '人员类别', '所在党组织', '党员类别',
  '入党日期', '转正日期', '工作岗位', '联系电话', '是否困难党员', '困难情况', '是否流动党员', '外出流向', '外出日期',
]

export function labelOf(list, value) {
  return list.find((o) => o.value === value)?.label ?? value
}
