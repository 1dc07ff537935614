#include "party/study/xuexi.hpp"

#include <cmath>
#include <map>
#include <set>

#include "platform/core/ratio.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::study {
namespace {

// Header text as templates write it: "*组织名称", "注册率(%)", "人均积分（分）".
std::string HeaderTitle(std::string_view cell) {
  std::string s = Trim(cell);
  while (!s.empty() && s.front() == '*') s.erase(0, 1);
  while (!s.empty() && s.back() == '*') s.pop_back();
  for (const char* open : {"(", "（"}) {
    auto pos = s.find(open);
    if (pos != std::string::npos && pos > 0) s = s.substr(0, pos);
  }
  return Trim(s);
}

const XuexiColumn* ColumnFor(std::string_view header) {
  const std::string title = HeaderTitle(header);
  if (title.empty()) return nullptr;
  for (const auto& c : XuexiColumns()) {
    if (c.title == title) return &c;
    for (const auto& a : c.aliases)
      if (a == title) return &c;
  }
  return nullptr;
}

// A decimal number with at most `max_decimals` digits kept, as an integer scaled by 10^scale,
// rounded half up. Accepts "1,523.6" (thousands separators). nullopt for anything else or < 0.
std::optional<long long> ScaledDecimal(std::string_view text, int scale) {
  std::string s;
  for (char c : Trim(text))
    if (c != ',') s.push_back(c);
  if (s.empty()) return std::nullopt;
  size_t dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  for (char c : whole + frac)
    if (c < '0' || c > '9') return std::nullopt;
  if (whole.size() > 12) return std::nullopt;
  long long v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (int i = 0; i < scale; ++i) v = v * 10 + (i < static_cast<int>(frac.size()) ? frac[i] - '0' : 0);
  if (static_cast<int>(frac.size()) > scale && frac[scale] >= '5') ++v;
  return v;
}

std::optional<int> ParseCount(std::string_view text) {
  auto v = ScaledDecimal(text, 0);
  std::string t = Trim(text);
  if (!v || t.find('.') != std::string::npos || *v > 10'000'000) return std::nullopt;
  return static_cast<int>(*v);
}

bool IsTotalRow(const std::string& unit) { return unit == "合计" || unit == "总计" || unit == "小计"; }

}  // namespace

const std::vector<XuexiColumn>& XuexiColumns() {
  static const std::vector<XuexiColumn> kColumns = {
      {"组织名称", "unit", true, {"党组织名称", "组织", "党组织", "单位名称", "单位"}},
      {"成员数", "members", true, {"党员人数", "党员数", "成员总数", "总人数", "应注册人数"}},
      {"注册人数", "registered", true, {"已注册人数", "激活人数", "已激活人数", "注册数"}},
      {"注册率", "registration_rate", false, {"激活率"}},
      {"活跃度", "active_rate", false, {"活跃率", "日均活跃率", "日活跃率"}},
      {"人均积分", "avg_points", false, {"人均学习积分", "平均积分", "人均总积分"}},
  };
  return kColumns;
}

std::optional<int> ParsePercentPerMille(std::string_view text) {
  std::string t = Trim(text);
  bool percent = false;
  for (std::string_view sign : {"%", "％"}) {
    if (t.size() >= sign.size() && t.compare(t.size() - sign.size(), sign.size(), sign) == 0) {
      t = Trim(t.substr(0, t.size() - sign.size()));
      percent = true;
      break;
    }
  }
  // Six decimals, rounded once: a fraction (0.985, as Excel stores a percent-formatted cell) or
  // a percent (98.5) becomes per mille without rounding twice.
  auto scaled = ScaledDecimal(t, 6);
  if (!scaled) return std::nullopt;
  long long per_mille;
  if (!percent && *scaled <= 1'000'000) per_mille = (*scaled + 500) / 1000;  // 0.98549 → 985
  else per_mille = (*scaled + 50'000) / 100'000;                             // 98.55 → 986
  if (per_mille > 1000) return std::nullopt;
  return static_cast<int>(per_mille);
}

std::optional<int> ParseTenths(std::string_view text) {
  auto v = ScaledDecimal(text, 1);
  if (!v || *v > 1'000'000'000) return std::nullopt;
  return static_cast<int>(*v);
}

Status ValidatePeriod(std::string_view period, const Date& today) {
  const std::string p = Trim(period);
  if (p.empty()) return Invalid("period", "请选择统计月份");
  auto first = ParseDate(p + "-01");
  if (p.size() != 7 || !first) return Invalid("period", "统计月份格式应为 YYYY-MM，如 2026-10");
  if (first->year < 2019) return Invalid("period", "学习强国平台 2019 年上线，统计月份不能早于 2019-01");
  if (first->year > today.year || (first->year == today.year && first->month > today.month))
    return Invalid("period", "统计月份不能晚于本月");
  return Ok();
}

ParsedXuexi ParseXuexi(const platform::sheet::Grid& grid) {
  ParsedXuexi out;
  // The header: the first of the first 10 rows that names two columns or more.
  int header = -1;
  std::map<std::string, int> at;  // field → column index
  for (int r = 0; r < static_cast<int>(grid.size()) && r < 10 && header < 0; ++r) {
    std::map<std::string, int> found;
    for (int c = 0; c < static_cast<int>(grid[r].size()); ++c)
      if (const auto* col = ColumnFor(grid[r][c]); col && !found.count(col->field)) found[col->field] = c;
    if (found.size() >= 2) {
      header = r;
      at = found;
    }
  }
  if (header < 0) {
    out.errors.push_back({1, "file", "", "没有找到表头：请使用学习强国管理后台导出的组织学习情况表（需包含组织名称、成员数、注册人数）"});
    return out;
  }
  bool missing = false;
  for (const auto& c : XuexiColumns()) {
    if (c.required && !at.count(c.field)) {
      out.errors.push_back({header + 1, c.field, c.title, "缺少“" + c.title + "”列"});
      missing = true;
    }
  }
  if (missing) return out;

  auto cell = [&](const std::vector<std::string>& row, const std::string& field) -> std::string {
    auto it = at.find(field);
    if (it == at.end() || it->second >= static_cast<int>(row.size())) return "";
    return Trim(row[it->second]);
  };
  auto title = [](const std::string& field) {
    for (const auto& c : XuexiColumns())
      if (c.field == field) return c.title;
    return field;
  };
  std::set<std::string> seen;
  for (int r = header + 1; r < static_cast<int>(grid.size()); ++r) {
    const auto& row = grid[r];
    bool blank = true;
    for (const auto& v : row)
      if (!Trim(v).empty()) blank = false;
    if (blank) continue;
    XuexiRow x;
    x.line = r + 1;
    x.unit = cell(row, "unit");
    if (IsTotalRow(x.unit)) continue;
    const size_t errors_before = out.errors.size();
    auto err = [&](const std::string& field, const std::string& message) {
      out.errors.push_back({x.line, field, title(field), message});
    };
    if (x.unit.empty()) err("unit", "组织名称不能为空");
    else if (!seen.insert(x.unit).second) err("unit", "组织“" + x.unit + "”在文件中出现了两次");
    auto members = ParseCount(cell(row, "members"));
    auto registered = ParseCount(cell(row, "registered"));
    if (!members) err("members", "成员数应为不小于 0 的整数");
    if (!registered) err("registered", "注册人数应为不小于 0 的整数");
    if (members && registered && *registered > *members)
      err("registered", "注册人数（" + std::to_string(*registered) + "）不能多于成员数（" + std::to_string(*members) + "）");
    if (members) x.members = *members;
    if (registered) x.registered = *registered;
    if (std::string t = cell(row, "registration_rate"); !t.empty()) {
      auto v = ParsePercentPerMille(t);
      if (!v) err("registration_rate", "注册率应为 0-100% 之间的百分数，如 98.5%");
      else x.registration_rate = *v;
    } else if (members && registered && *members > 0) {
      x.registration_rate = *PerMille(*registered, *members);
    }
    if (std::string t = cell(row, "active_rate"); !t.empty()) {
      auto v = ParsePercentPerMille(t);
      if (!v) err("active_rate", "活跃度应为 0-100% 之间的百分数，如 85.2%");
      else x.active_rate = *v;
    }
    if (std::string t = cell(row, "avg_points"); !t.empty()) {
      auto v = ParseTenths(t);
      if (!v) err("avg_points", "人均积分应为不小于 0 的数字，如 1523.6");
      else x.avg_points = *v;
    }
    x.valid = out.errors.size() == errors_before;
    out.rows.push_back(std::move(x));
  }
  if (out.rows.empty() && out.errors.empty())
    out.errors.push_back({header + 1, "file", "", "表头下没有数据行"});
  return out;
}

}  // namespace qizhi::party::study
