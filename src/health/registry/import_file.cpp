#include "health/registry/import_file.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "platform/core/text.hpp"

namespace qizhi::health::registry {

namespace {

// Other spellings of the same headers in counties' own lists.
std::string HeaderTitle(std::string_view cell) {
  std::string t = Trim(cell);
  t.erase(std::remove(t.begin(), t.end(), '*'), t.end());
  static const std::map<std::string, std::string> kAliases{
      {"村名", "村"},           {"行政村", "村"},         {"村代码", "村"},
      {"户号", "户编号"},       {"身份证号码", "身份证号"}, {"证件号码", "身份证号"},
      {"公民身份号码", "身份证号"}, {"与户主关系", "与户主关系"}, {"手机号", "联系电话"},
      {"手机号码", "联系电话"}, {"主要致贫原因", "致贫原因"}, {"状态", "户类型"},
      {"户类型/状态", "户类型"}, {"户类型（状态）", "户类型"}, {"人均纯收入", "人均纯收入(元)"},
      {"人均纯收入（元）", "人均纯收入(元)"}, {"建档立卡日期", "建档日期"}, {"慢性病种", "慢性病"},
      {"残疾情况", "残疾"}};
  auto a = kAliases.find(t);
  return a == kAliases.end() ? t : a->second;
}

bool ReadInt(const std::string& s, size_t& i, size_t min, size_t max, int& out) {
  size_t start = i;
  while (i < s.size() && i - start < max && s[i] >= '0' && s[i] <= '9') ++i;
  if (i - start < min) return false;
  out = std::stoi(s.substr(start, i - start));
  return true;
}

bool ReadSep(const std::string& s, size_t& i, std::string_view word) {
  for (std::string_view sep : {std::string_view("-"), std::string_view("/"), std::string_view("."), word}) {
    if (s.compare(i, sep.size(), sep) == 0) {
      i += sep.size();
      return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> v{
      {"村", "village_code", true},          {"户编号", "number", true},
      {"姓名", "name", true},                {"身份证号", "id_number", true},
      {"与户主关系", "relation", true},      {"联系电话", "phone", false},
      {"致贫原因", "poverty_cause", true},   {"户类型", "status", true},
      {"状态日期", "status_since", true},    {"慢性病", "chronic", false},
      {"残疾", "disability", false},         {"人均纯收入(元)", "income_fen", false},
      {"建档日期", "registered_on", false},  {"收入年度", "income_year", false},
  };
  return v;
}

std::optional<std::string> NormalizeImportDate(std::string_view text) {
  std::string s = Trim(text);
  if (s.empty()) return std::string();
  const auto space = s.find(' ');
  if (space != std::string::npos) s.resize(space);  // "2020/7/1 0:00"
  int y = 0, m = 0, d = 0;
  size_t i = 0;
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    y = std::stoi(s.substr(0, 4));
    m = std::stoi(s.substr(4, 2));
    d = std::stoi(s.substr(6, 2));
  } else {
    if (!ReadInt(s, i, 4, 4, y) || !ReadSep(s, i, "年") || !ReadInt(s, i, 1, 2, m) || !ReadSep(s, i, "月") ||
        !ReadInt(s, i, 1, 2, d))
      return std::nullopt;
    if (s.compare(i, std::string::npos, "日") == 0) i = s.size();
    if (i != s.size()) return std::nullopt;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!ParseDate(buf)) return std::nullopt;
  return std::string(buf);
}

std::optional<int64_t> YuanToFen(std::string_view text) {
  std::string s = Trim(text);
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  if (s.empty() || s.size() > 15) return std::nullopt;
  const auto dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  auto digits = [](const std::string& x) { return x.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || !digits(whole) || !digits(frac) || frac.size() > 2) return std::nullopt;
  while (frac.size() < 2) frac += '0';
  return std::stoll(whole) * 100 + std::stoll(frac);
}

ParsedImport ParseImport(const platform::sheet::Grid& grid, const Date& today) {
  ParsedImport out;
  // The header is the first row naming 身份证号 (a title row may stand above it).
  size_t header = grid.size();
  std::map<std::string, size_t> col;
  for (size_t r = 0; r < grid.size() && r < 5; ++r) {
    std::map<std::string, size_t> found;
    for (size_t c = 0; c < grid[r].size(); ++c) found.emplace(HeaderTitle(grid[r][c]), c);
    if (found.count("身份证号")) {
      header = r;
      col = found;
      break;
    }
  }
  if (header == grid.size()) {
    out.errors.push_back({1, "file", "", "找不到表头：第一行应为列名（村、户编号、姓名、身份证号……），请使用导入模板"});
    return out;
  }
  const int header_line = static_cast<int>(header) + 1;
  for (const auto& c : ImportColumns())
    if (c.required && !col.count(c.title))
      out.errors.push_back({header_line, c.field, c.title, "缺少“" + c.title + "”列"});
  if (!out.errors.empty()) return out;

  std::map<std::string, int> seen_ids;  // ID number → first line
  for (size_t r = header + 1; r < grid.size(); ++r) {
    const auto& cells = grid[r];
    auto cell = [&](const std::string& title) -> std::string {
      auto it = col.find(title);
      return it == col.end() || it->second >= cells.size() ? "" : Trim(cells[it->second]);
    };
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& s) { return Trim(s).empty(); })) continue;
    ImportRow row;
    row.line = static_cast<int>(r) + 1;
    std::vector<ImportError> errs;
    auto err = [&](const std::string& field, const std::string& message) {
      std::string title;
      for (const auto& c : ImportColumns())
        if (c.field == field) title = c.title;
      errs.push_back({row.line, field, title, message});
    };
    row.village = cell("村");
    row.number = cell("户编号");
    if (row.number.empty()) err("number", "请填写户编号（同一户的成员填写相同的户编号）");
    PersonInput& p = row.person;
    p.name = cell("姓名");
    p.id_number = cell("身份证号");
    p.relation = cell("与户主关系");
    p.phone = cell("联系电话");
    p.chronic = SplitList(cell("慢性病"));
    p.disability = cell("残疾");
    if (p.disability == "无" || p.disability == "否") p.disability.clear();
    if (p.chronic.size() == 1 && (p.chronic[0] == "无" || p.chronic[0] == "否")) p.chronic.clear();
    auto person = ValidatePerson(p, today);
    if (!person.ok()) {
      for (const auto& e : person.errors()) err(e.field, e.message);
    } else {
      row.person = person.value().input;
      row.birth_date = person.value().birth_date;
      row.sex = person.value().sex;
      row.chronic = person.value().chronic;
      auto [first, inserted] = seen_ids.emplace(row.person.id_number, row.line);
      if (!inserted) err("id_number", "身份证号与第 " + std::to_string(first->second) + " 行重复");
    }
    // The household's columns count on its 户主's row; other rows may leave them blank.
    if (row.person.relation == kHead) {
      HouseholdInput& h = row.household;
      h.village_code = "000000000000";  // resolved later; a placeholder passes the format check
      h.number = row.number;
      h.poverty_cause = cell("致贫原因");
      std::string status = cell("户类型");
      for (const auto& kind : MonitorKinds()) {
        if (status == kind) status = "监测对象（" + kind + "）";
      }
      const auto paren = status.find("（");
      if (status.rfind("监测对象", 0) == 0 && paren != std::string::npos) {
        h.monitor_kind = status.substr(paren + std::string("（").size());
        const auto close = h.monitor_kind.find("）");
        if (close != std::string::npos) h.monitor_kind.resize(close);
        status = "监测对象";
      }
      h.status = status;
      auto since = NormalizeImportDate(cell("状态日期"));
      auto registered = NormalizeImportDate(cell("建档日期"));
      if (!since) err("status_since", "状态日期无法识别，应写作 2020-07-01");
      if (!registered) err("registered_on", "建档日期无法识别，应写作 2015-06-15");
      h.status_since = since.value_or("");
      row.registered_given = registered && !registered->empty();
      h.registered_on = row.registered_given ? *registered : h.status_since;
      if (const std::string income = cell("人均纯收入(元)"); !income.empty()) {
        h.income_fen = YuanToFen(income);
        if (!h.income_fen) err("income_fen", "人均纯收入应为不小于 0 的金额（元，至多两位小数）");
        h.income_year = today.year - 1;  // a county list reports the last full year
        if (const std::string y = cell("收入年度"); !y.empty()) {
          if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos) h.income_year = std::stoll(y);
          else err("income_year", "收入年度应为四位年份");
        }
      }
      if (row.village.empty()) err("village_code", "请填写户主所在村（村名或 12 位区划代码）");
      auto valid = ValidateHousehold(h, today);
      if (!valid.ok()) {
        for (const auto& e : valid.errors()) {
          // An unreadable date is reported once, above.
          if ((e.field == "status_since" && !since) || (e.field == "registered_on" && (!registered || !since))) continue;
          err(e.field, e.message);
        }
      } else {
        h = valid.value();
      }
    }
    row.valid = errs.empty();
    out.errors.insert(out.errors.end(), errs.begin(), errs.end());
    out.rows.push_back(std::move(row));
  }

  // One 户主 per 户编号 in the file. (A household without a 户主 row may already be registered:
  // that is for the planning, which knows.)
  std::map<std::string, int> head_line;
  for (auto& row : out.rows) {
    if (row.person.relation != kHead || row.number.empty()) continue;
    auto [first, inserted] = head_line.emplace(row.number, row.line);
    if (!inserted) {
      out.errors.push_back({row.line, "relation", "与户主关系",
                            "户编号 " + row.number + " 已在第 " + std::to_string(first->second) + " 行有户主，每户只能有一名户主"});
      row.valid = false;
    }
  }
  // Errors of one row in column order, as the user reads the row.
  auto order = [](const ImportError& e) {
    const auto& cols = ImportColumns();
    for (size_t i = 0; i < cols.size(); ++i)
      if (cols[i].field == e.field) return i;
    return cols.size();
  };
  std::stable_sort(out.errors.begin(), out.errors.end(), [&](const ImportError& a, const ImportError& b) {
    return a.line != b.line ? a.line < b.line : order(a) < order(b);
  });
  return out;
}

}  // namespace qizhi::health::registry
